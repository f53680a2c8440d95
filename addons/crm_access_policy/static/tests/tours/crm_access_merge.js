import {registry} from "@web/core/registry";

// A Team Lead selects two customers of the teams they lead in the contacts
// list and merges them with the standard Merge action.
registry.category("web_tour.tours").add("crm_access_merge", {
  steps: () => [
    {
      content: "Show the contacts as a list",
      trigger: ".o_switch_view.o_list",
      run: "click",
    },
    {
      // the list view's own search bar: the kanban's, typed into before the
      // switch is done, would be replaced with its search
      content: "Search the two customers",
      trigger: ".o_list_view .o_list_renderer .o_data_row",
    },
    {
      trigger: ".o_list_view .o_searchview_input",
      run: "edit Tour Twin Bazaar",
    },
    {
      content: "The search proposals are shown",
      trigger: ".o_searchview_autocomplete .o-dropdown-item.focus",
    },
    {
      trigger: ".o_list_view .o_searchview_input",
      run: "press Enter",
    },
    {
      content: "Only the two customers are listed (the search is applied)",
      trigger:
        ".o_list_renderer:has(.o_data_row):not(:has(.o_data_row:not(:contains(Tour Twin Bazaar))))",
    },
    {
      content: "Select the first customer",
      trigger:
        ".o_data_row:contains(Tour Twin Bazaar):not(:contains(Ltd)) .o_list_record_selector input",
      run: "click",
    },
    {
      content: "Select the second customer",
      trigger: ".o_data_row:contains(Tour Twin Bazaar Ltd) .o_list_record_selector input",
      run: "click",
    },
    {
      content: "Both are selected",
      trigger: ".o_selection_box b:contains(2)",
    },
    {
      content: "Open the actions",
      trigger: ".o_cp_action_menus .dropdown-toggle",
      run: "click",
    },
    {
      content: "Merge",
      trigger: ".o-dropdown--menu .o-dropdown-item:contains(Merge)",
      run: "click",
    },
    {
      content: "Both customers are in the wizard",
      trigger: ".modal .o_data_row:contains(Tour Twin Bazaar Ltd)",
    },
    {
      content: "Merge them",
      trigger: ".modal button[name=action_merge]",
      run: "click",
    },
    {
      content: "The merge is done",
      trigger: ".modal:contains(There are no more contacts to merge for this request)",
    },
  ],
});
