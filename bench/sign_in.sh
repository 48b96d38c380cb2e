# Sourced by the bench scripts: sign_in APP_URL COOKIE_JAR USERNAME PASSWORD signs in through the
# real sign-in form (its CSRF token is a double-submitted cookie) and prints the session cookie.
sign_in() {
  local app=$1 jar=$2 username=$3 password=$4 token
  token=$(curl -sf -c "$jar" -b "$jar" "$app/sign-in" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "username=$username" \
    --data-urlencode "password=$password" "$app/sign-in"
  awk '$6 == "resettle_session" { print "resettle_session=" $7 }' "$jar"
}

# sign_in_two_factor APP_URL COOKIE_JAR USERNAME PASSWORD: the same for an account with two-factor
# sign-in (the demo's admin and manager), with a code made from the demo's key as an authenticator
# app would (tests/integration/totp.mjs).
sign_in_two_factor() {
  local app=$1 jar=$2 username=$3 password=$4 token code
  sign_in "$app" "$jar" "$username" "$password" >/dev/null
  token=$(curl -sf -c "$jar" -b "$jar" "$app/sign-in/code" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  code=$(node --input-type=module -e \
    "import { totpCode, totpStep, demoTotpSecret } from '$PWD/tests/integration/totp.mjs'; console.log(totpCode(demoTotpSecret, totpStep()));")
  curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "code=$code" "$app/sign-in/code"
  awk '$6 == "resettle_session" { print "resettle_session=" $7 }' "$jar"
}

# sign_in_person APP_URL COOKIE_JAR CONTACT DATABASE: a person signs in to their own pages with the
# one-time code sent to CONTACT, read from the outbox in DATABASE (staff pages never show codes).
sign_in_person() {
  local app=$1 jar=$2 contact=$3 db=$4 code
  curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "contact=$contact" "$app/my/sign-in"
  code=$(sqlite3 "$db" "SELECT body FROM outbox_message WHERE kind = 'sign_in_code' ORDER BY id DESC LIMIT 1" |
         grep -oE '\b[0-9]{6}\b' | head -1)
  curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "code=$code" "$app/my/sign-in/code"
  awk '$6 == "resettle_person_session" { print "resettle_person_session=" $7 }' "$jar"
}
