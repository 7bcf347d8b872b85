#!/usr/bin/env bash
# Starts one apache/kafka node of docker/compose.yaml. The image's own start script formats the
# storage without SCRAM credentials, but with allow.everyone.if.no.acl.found=false nothing can
# connect until the super user exists: so format here first, adding admin's SCRAM-SHA-512
# credential (KRaft stores it in the metadata log), then hand over to the image's launcher, which
# sees the storage already formatted and starts the node.
set -euo pipefail
: "${CLUSTER_ID:?CLUSTER_ID is not set}"
: "${TIPROUTER_ADMIN_PASSWORD:?TIPROUTER_ADMIN_PASSWORD is not set (docker/secrets/kafka.env)}"

. /etc/kafka/docker/bash-config
/etc/kafka/docker/configure
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" \
  --config /etc/kafka/kafka.properties \
  --add-scram "SCRAM-SHA-512=[name=admin,password=${TIPROUTER_ADMIN_PASSWORD}]"
unset TIPROUTER_ADMIN_PASSWORD
exec /etc/kafka/docker/launch
