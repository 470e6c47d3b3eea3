# apt_get ARGS...: apt-get, waiting while another process holds the package manager's lock.
# Sourced by scripts/test-setup.sh. Waits at most SYMBIOSIS_APT_WAIT seconds (default 600), trying
# again every SYMBIOSIS_APT_PAUSE seconds (default 5); any other failure is reported at once.
# SUDO is "" or "sudo".
apt_get() {
  local wait="${SYMBIOSIS_APT_WAIT:-600}" pause="${SYMBIOSIS_APT_PAUSE:-5}"
  local deadline=$((SECONDS + wait)) err status
  err="$(mktemp)"
  while true; do
    set +e
    ${SUDO:-} env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$wait" "$@" 2>"$err"
    status=$?
    set -e
    if [ "$status" -eq 0 ]; then
      rm -f "$err"
      return 0
    fi
    if grep -qiE "could not get lock|unable to acquire|is another process using it" "$err" \
        && [ "$SECONDS" -lt "$deadline" ]; then
      echo "test-setup: the package manager is busy (another process holds its lock); waiting..." >&2
      sleep "$pause"
      continue
    fi
    cat "$err" >&2
    rm -f "$err"
    return "$status"
  done
}
