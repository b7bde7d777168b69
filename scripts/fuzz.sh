#!/usr/bin/env bash
# Runs every fuzz target for a bounded time: FUZZTIME each (default 40s),
# one after the other. A failure leaves its input under the package's
# testdata/fuzz/ folder, which the normal tests then replay.
#
#	bash scripts/fuzz.sh            # all targets, 40 s each (about 7 min)
#	FUZZTIME=5s bash scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-40s}

# package target
targets=(
	"./models FuzzParseIDNumber"
	"./models FuzzTraineeValidate"
	"./models FuzzParseDate"
	"./models FuzzParseClock"
	"./models FuzzMaskJSON"
	"./certsign FuzzParse"
	"./certsign FuzzPayloadRoundTrip"
	"./certsign FuzzSerialFormatRoundTrip"
	"./sheets FuzzNormalizers"
	"./sheets FuzzReadCSV"
	"./sheets FuzzReadXLSX"
	"./sheets FuzzXMLGuard"
	"./reports/pdfkit FuzzWrapLines"
)

failed=()
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	echo "== $pkg $name ($FUZZTIME)"
	if ! go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME"; then
		failed+=("$pkg $name")
	fi
done
if ((${#failed[@]})); then
	echo "fuzz: failed: ${failed[*]}"
	exit 1
fi
echo "fuzz: ${#targets[@]} targets passed, $FUZZTIME each"
