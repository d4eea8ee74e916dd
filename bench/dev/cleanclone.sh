#!/usr/bin/env bash
# Clones the committed HEAD of /work/main (or $1) into /tmp/cc and runs ./test.sh there, as CI does.
# Output: /tmp/cc.out, ending with the summary line and "rc=… seconds=…".
# Run in the background: (nohup bench/dev/cleanclone.sh > /dev/null 2>&1 &)
repo=${1:-/work/main}
rm -rf /tmp/cc && git clone -q "$repo" /tmp/cc || exit 1
cd /tmp/cc || exit 1
start=$(date +%s)
./test.sh > /tmp/cc.out 2>&1
rc=$?
echo "rc=$rc seconds=$(( $(date +%s) - start ))" >> /tmp/cc.out
