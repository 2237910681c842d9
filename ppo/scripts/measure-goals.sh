#!/usr/bin/env bash
# Measures the PPO/TRPO goals: for every (environment, algorithm) pair and seeds 1-5, one run with the
# per-environment defaults, then one table row per run read from its summary.json.
#   ppo/scripts/measure-goals.sh [OUT_DIR] [PAIRS...]
#   PAIRS default: CartPole-v1:ppo-clip CartPole-v1:ppo-kl CartPole-v1:trpo
#                  Pendulum-v1:ppo-clip Pendulum-v1:trpo Acrobot-v1:ppo-clip
# Run it on a quiet machine (nothing else busy): the wall-time goal is per run on 2 cores.
# Needs jq.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-runs/ppo-goals}"
shift || true
pairs=("$@")
if [ ${#pairs[@]} -eq 0 ]; then
  pairs=(CartPole-v1:ppo-clip CartPole-v1:ppo-kl CartPole-v1:trpo Pendulum-v1:ppo-clip Pendulum-v1:trpo Acrobot-v1:ppo-clip)
fi
command -v jq >/dev/null || { echo "measure-goals: needs jq (apt install jq)" >&2; exit 2; }
printf '%-12s %-9s %4s %9s %14s %14s %9s %10s\n' env algo seed steps eval_mean eval_std to_thresh wall_s
for pair in "${pairs[@]}"; do
  env="${pair%%:*}"; algo="${pair##*:}"
  for seed in 1 2 3 4 5; do
    dir="$out/$env-$algo-seed$seed"
    "$root/kl4j" ppo --env "$env" --algo "$algo" --seed "$seed" --out "$dir" --overwrite --no-progress >/dev/null
    jq -r '[.env, .algo, .seed, .steps, .eval_return_mean, .eval_return_std, (.steps_to_threshold // "never"),
            .wall_seconds] | @tsv' "$dir/summary.json" |
      awk -F'\t' '{printf "%-12s %-9s %4s %9s %14.2f %14.2f %9s %10.1f\n", $1, $2, $3, $4, $5, $6, $7, $8}'
  done
done
