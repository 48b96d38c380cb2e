# Sourced by the bench scripts: sign_in APP_URL COOKIE_JAR USERNAME PASSWORD signs in through the
# real sign-in form (its CSRF token is a double-submitted cookie) and prints the session cookie.
sign_in() {
  local app=$1 jar=$2 username=$3 password=$4 token
  token=$(curl -sf -c "$jar" -b "$jar" "$app/sign-in" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "username=$username" \
    --data-urlencode "password=$password" "$app/sign-in"
  awk '$6 == "resettle_session" { print "resettle_session=" $7 }' "$jar"
}
