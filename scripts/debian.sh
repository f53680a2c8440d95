# Debian package checks of scripts/setup.sh (sourced, not run).
#
# Each reads the whole answer of dpkg-query or apt-cache before matching it:
# under "set -o pipefail", a "| grep -q" that stops reading at the first match
# makes the writer die of SIGPIPE, and the check answers "no" for a package
# that is there.

# Whether Debian package $1 is installed.
deb_installed() {
    local status
    status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)
    [[ $status == *"ok installed"* ]]
}

# Whether Debian package $1 can be installed from the system's package sources.
deb_available() {
    local policy
    policy=$(apt-cache policy "$1" 2>/dev/null || true)
    [[ $policy =~ Candidate:\ [^\(] ]]
}
