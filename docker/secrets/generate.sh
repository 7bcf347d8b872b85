#!/usr/bin/env bash
# Writes the secret env files docker/compose.yaml reads (docker/secrets/*.env, mode 0600) with
# fresh random passwords. Never overwrites an existing file: delete one to rotate it (and change
# the credential on the cluster). The *.env.example files show the shape with placeholders.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
umask 077

secret() { openssl rand -base64 36 | tr -d '/+=\n'; }
scram() { printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' "$1" "$2"; }

write() { # file, content
  if [[ -e "$1" ]]; then echo "keeping $1"; return; fi
  printf '%s\n' "$2" > "$1"
  echo "wrote $1"
}

admin="$(secret)"
if [[ -e kafka.env ]]; then
  admin="$(sed -n 's/^TIPROUTER_ADMIN_PASSWORD=//p' kafka.env)"
fi
write kafka.env "TIPROUTER_ADMIN_PASSWORD=$admin
KAFKA_LISTENER_NAME_INTERNAL_SCRAM___SHA___512_SASL_JAAS_CONFIG=$(scram admin "$admin")
KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$admin\" user_admin=\"$admin\";"
write admin.env "TIPROUTER_KAFKA_SASL_JAAS_CONFIG=$(scram admin "$admin")"
write registry.env "APICURIO_KAFKA_COMMON_SASL_JAAS_CONFIG=$(scram admin "$admin")"

# A service's password: the one in its env file when it exists, else a fresh one.
password_of() { # principal
  if [[ -e "$1.env" ]]; then
    sed -n 's/^TIPROUTER_KAFKA_SASL_JAAS_CONFIG=.*password="\([^"]*\)".*/\1/p' "$1.env"
  else
    secret
  fi
}

touch credentials.properties && chmod 600 credentials.properties
for principal in normalise classify route intake-web intake-phone intake-cybertipline ops; do
  password="$(password_of "$principal")"
  if [[ "$principal" == route ]]; then
    write route.env "TIPROUTER_KAFKA_SASL_JAAS_CONFIG=$(scram route "$password")
TIPROUTER_ROUTE_CORRELATION_KEY=$(openssl rand -base64 48 | tr -d '\n')"
  else
    write "$principal.env" "TIPROUTER_KAFKA_SASL_JAAS_CONFIG=$(scram "$principal" "$password")"
  fi
  # provision creates each missing user with the password this file holds for it (and adds agencies')
  if ! grep -q "^$principal\.password=" credentials.properties; then
    printf '%s.username=%s\n%s.password=%s\n' "$principal" "$principal" "$principal" "$password" >> credentials.properties
    echo "added $principal to credentials.properties"
  fi
done
