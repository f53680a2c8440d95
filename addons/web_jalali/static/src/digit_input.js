/**
 * Number fields (integer, float, monetary, percentage, duration) of Persian
 * users accept Persian and Arabic-Indic digits: they are turned into ASCII
 * digits as they are typed, before the field reads its input. Text fields are
 * left as typed.
 */
import { toAsciiDigits } from "./jalali";
import { isJalaliActive } from "./jalali_luxon";

const NUMBER_FIELDS =
    ".o_field_integer, .o_field_float, .o_field_monetary, .o_field_percentage, .o_field_float_time";
const NON_ASCII_DIGITS = /[\u06f0-\u06f9\u0660-\u0669\u066b\u066c]/;

/** @param {InputEvent} ev */
export function normalizeNumberInput(ev) {
    const input = ev.target;
    if (
        !isJalaliActive() ||
        !(input instanceof HTMLInputElement) ||
        !NON_ASCII_DIGITS.test(input.value) ||
        !input.closest(NUMBER_FIELDS)
    ) {
        return;
    }
    // one character for one: the caret stays where it was
    const { selectionStart, selectionEnd } = input;
    input.value = toAsciiDigits(input.value);
    if (selectionStart !== null) {
        input.setSelectionRange(selectionStart, selectionEnd);
    }
}

document.addEventListener("input", normalizeNumberInput, { capture: true });
