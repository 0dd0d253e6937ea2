#!/usr/bin/env bash
# Footprint of a running collector: RSS every 5 s and CPU over the window from /proc.
# Usage: footprint.sh <pid> <seconds>
set -euo pipefail
pid=$1; window=$2
hz=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
c0=$(cpu); t0=$(date +%s.%N); max=0; sum=0; n=0
end=$(( $(date +%s) + window ))
while [ "$(date +%s)" -lt "$end" ]; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  [ "$rss" -gt "$max" ] && max=$rss
  sum=$((sum + rss)); n=$((n + 1))
  sleep 5
done
c1=$(cpu); t1=$(date +%s.%N)
awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v max="$max" -v sum="$sum" -v n="$n" 'BEGIN {
  printf "window %.0f s, RSS mean %.1f MiB, max %.1f MiB, CPU %.2f %% of one core\n",
    t1 - t0, sum / n / 1024, max / 1024, (c1 - c0) / hz / (t1 - t0) * 100 }'
ps -o pid,rss,time,args -p "$pid" | cut -c1-120
