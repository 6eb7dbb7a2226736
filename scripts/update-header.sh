#!/usr/bin/env bash
# Kept for old habits: the header is one of the generated files (scripts/update-generated.sh).
exec bash "$(dirname "$0")/update-generated.sh"
