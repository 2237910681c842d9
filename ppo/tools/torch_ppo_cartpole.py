#!/usr/bin/python3
"""A plain single-file PyTorch PPO-clip on CartPole-v1, as a speed and quality yardstick for `kl4j ppo`.

It trains with rl-baselines3-zoo's tuned CartPole-v1 settings (the defaults of `kl4j ppo --env CartPole-v1
--algo ppo-clip`) and evaluates on the same schedule as kl4j's PpoTrainer, then prints one JSON line.
Run it with Debian's interpreter, which sees Debian's python3-torch:

    /usr/bin/python3 ppo/tools/torch_ppo_cartpole.py --seed 1

Everything is written here from the formulas (Schulman et al. 2017, "Proximal Policy Optimization
Algorithms", eq. 7; Schulman et al. 2016, "High-Dimensional Continuous Control Using Generalized Advantage
Estimation", eq. 16); the environment follows Gymnasium's classic_control/cartpole.py equations.

Settings (rl-zoo hyperparams/ppo.yml, CartPole-v1, with Stable-Baselines3's PPO defaults for the rest):
  8 environments x 32 steps per update (1024 steps), minibatch 256, 20 epochs, gamma 0.98, GAE lambda 0.8,
  learning rate 1e-3 and clip range 0.2 both annealed linearly to 0 (rl-zoo's lin_0.001 and lin_0.2; the
  fraction 1 - (k - 1)/K at update k of K, as kl4j's trainer computes it), entropy coefficient 0, value
  coefficient 0.5 on the mean squared error, global gradient norm 0.5, Adam eps 1e-5, separate 64-64 tanh
  actor and critic with orthogonal initialisation (gain sqrt(2) hidden, 0.01 actor head, 1 critic head, zero
  biases), advantages normalised per minibatch, value bootstrapped at a time-limit truncation.

Evaluation (as kl4j's PpoTrainer): after every update whose steps cross a multiple of --eval-interval,
10 deterministic (argmax) episodes; after the last update, --eval-episodes of them instead. Evaluation copy
j is reset with seed + 1,000,000 + j; up to 16 copies run at once. steps_to_threshold is the step count of
the first evaluation with mean return >= 475 (Gymnasium's reward_threshold), null if none.

wall_seconds is measured as kl4j's trainer measures it: the sum of the updates' times, each covering its
rollout, advantage computation, gradient steps and any evaluation after it (the final one included), and
nothing before the first update (imports, network construction, the first reset).
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import torch
from torch import nn


# ----------------------------------------------------------------------------------------------------
# CartPole-v1 (Gymnasium classic_control/cartpole.py, CartPoleEnv + TimeLimit(500)), N copies in NumPy
# ----------------------------------------------------------------------------------------------------
GRAVITY = 9.8
MASS_CART = 1.0
MASS_POLE = 0.1
TOTAL_MASS = MASS_POLE + MASS_CART
HALF_LENGTH = 0.5  # Gymnasium's `length` is half the pole's length
POLEMASS_LENGTH = MASS_POLE * HALF_LENGTH
FORCE_MAG = 10.0
TAU = 0.02
THETA_THRESHOLD_RADIANS = 12 * 2 * math.pi / 360
X_THRESHOLD = 2.4
MAX_EPISODE_STEPS = 500
SOLVED_THRESHOLD = 475.0


class CartPoles:
    """N independent CartPole-v1 copies; state [x, x_dot, theta, theta_dot] in float64 per copy.

    Copy i draws its resets from its own generator, np.random.default_rng(seed + i), which is how
    Gymnasium seeds an env with reset(seed=...) (seeding.np_random: PCG64 over SeedSequence(seed)) and how a
    vector env seeds copy i; later resets continue that stream. A reset draws all four values from
    U[-0.05, 0.05) in one call, as Gymnasium's reset does.
    """

    def __init__(self, n, seed):
        self.n = n
        self.rngs = [np.random.default_rng(seed + i) for i in range(n)]
        self.state = np.zeros((n, 4), dtype=np.float64)
        self.elapsed = np.zeros(n, dtype=np.int64)

    def reset_copy(self, i):
        self.state[i] = self.rngs[i].uniform(low=-0.05, high=0.05, size=(4,))
        self.elapsed[i] = 0

    def reset(self):
        for i in range(self.n):
            self.reset_copy(i)
        return self.observations()

    def observations(self):
        # Gymnasium returns the state as float32
        return self.state.astype(np.float32)

    def advance(self, actions):
        """One step of every copy with actions in {0, 1}; no reset. Returns reward, terminated, truncated."""
        x, x_dot, theta, theta_dot = self.state.T
        force = np.where(actions == 1, FORCE_MAG, -FORCE_MAG)
        costheta = np.cos(theta)
        sintheta = np.sin(theta)
        # Florian 2007, "Correct equations for the dynamics of the cart-pole system", eqs. 23-24, no friction
        temp = (force + POLEMASS_LENGTH * theta_dot * theta_dot * sintheta) / TOTAL_MASS
        thetaacc = (GRAVITY * sintheta - costheta * temp) / (
            HALF_LENGTH * (4.0 / 3.0 - MASS_POLE * costheta * costheta / TOTAL_MASS))
        xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS
        # explicit Euler (kinematics_integrator "euler"): positions move with the old velocities
        x = x + TAU * x_dot
        x_dot = x_dot + TAU * xacc
        theta = theta + TAU * theta_dot
        theta_dot = theta_dot + TAU * thetaacc
        self.state = np.stack([x, x_dot, theta, theta_dot], axis=1)
        self.elapsed += 1
        terminated = (x < -X_THRESHOLD) | (x > X_THRESHOLD) | (
            theta < -THETA_THRESHOLD_RADIANS) | (theta > THETA_THRESHOLD_RADIANS)
        truncated = self.elapsed >= MAX_EPISODE_STEPS  # TimeLimit: truncated at the 500th step
        reward = np.ones(self.n, dtype=np.float64)  # +1 on every step, the terminating one included
        return reward, terminated, truncated

    def step(self, actions):
        """Step with same-step auto-reset (Gymnasium 0.29 SyncVectorEnv / SB3 DummyVecEnv): a copy whose
        episode ended is reset at once; its last observation is returned in final_observations."""
        reward, terminated, truncated = self.advance(actions)
        final_observations = self.observations()
        for i in np.flatnonzero(terminated | truncated):
            self.reset_copy(i)
        return self.observations(), reward, terminated, truncated, final_observations


# ----------------------------------------------------------------------------------------------------
# Actor and critic
# ----------------------------------------------------------------------------------------------------
def linear(inputs, outputs, gain):
    layer = nn.Linear(inputs, outputs)
    nn.init.orthogonal_(layer.weight, gain)
    nn.init.zeros_(layer.bias)
    return layer


def mlp(inputs, outputs, head_gain):
    hidden_gain = math.sqrt(2)
    return nn.Sequential(linear(inputs, 64, hidden_gain), nn.Tanh(), linear(64, 64, hidden_gain), nn.Tanh(),
                         linear(64, outputs, head_gain))


def evaluate(actor, episodes, seed):
    """Mean and population std (ddof 0, as SB3's evaluate_policy) of `episodes` argmax-policy returns."""
    k = min(episodes, 16)
    envs = CartPoles(k, seed)
    obs = envs.reset()
    returns = []
    episode_return = np.zeros(k)
    active = np.ones(k, dtype=bool)
    started = k
    while active.any():
        with torch.no_grad():
            actions = actor(torch.from_numpy(obs)).argmax(dim=1).numpy()
        reward, terminated, truncated = envs.advance(actions)
        episode_return += reward
        for i in np.flatnonzero((terminated | truncated) & active):
            returns.append(episode_return[i])
            episode_return[i] = 0
            if started < episodes:
                envs.reset_copy(i)
                started += 1
            else:
                active[i] = False
        envs.state[~active] = 0.0  # finished copies idle at the origin
        obs = envs.observations()
    returns = np.array(returns)
    return float(returns.mean()), float(returns.std())


# ----------------------------------------------------------------------------------------------------
# PPO-clip
# ----------------------------------------------------------------------------------------------------
def train(args):
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    n_envs, n_steps, batch_size, epochs = 8, 32, 256, 20
    gamma, gae_lambda = 0.98, 0.8
    learning_rate, clip_range = 1e-3, 0.2
    ent_coef, vf_coef, max_grad_norm = 0.0, 0.5, 0.5
    steps_per_update = n_envs * n_steps
    updates = -(-args.steps // steps_per_update)  # ceil, as kl4j's PpoConfig.updates()

    actor = mlp(4, 2, 0.01)
    critic = mlp(4, 1, 1.0)
    parameters = list(actor.parameters()) + list(critic.parameters())
    optimizer = torch.optim.Adam(parameters, lr=learning_rate, eps=1e-5)

    envs = CartPoles(n_envs, args.seed)
    obs = envs.reset()
    rollout_obs = np.zeros((n_steps, n_envs, 4), dtype=np.float32)
    rollout_actions = np.zeros((n_steps, n_envs), dtype=np.int64)
    rollout_logp = np.zeros((n_steps, n_envs), dtype=np.float32)
    rollout_values = np.zeros((n_steps, n_envs), dtype=np.float64)
    rollout_rewards = np.zeros((n_steps, n_envs), dtype=np.float64)
    rollout_terminated = np.zeros((n_steps, n_envs), dtype=bool)
    rollout_truncated = np.zeros((n_steps, n_envs), dtype=bool)
    truncation_values = np.zeros((n_steps, n_envs), dtype=np.float64)

    steps = 0
    steps_to_threshold = None
    eval_mean = eval_std = float("nan")
    eval_seconds = 0.0
    start = time.perf_counter()
    for update in range(1, updates + 1):
        # linear annealing of lr and clip range: fraction 1 - (k - 1)/K
        remaining = 1.0 - (update - 1.0) / updates
        for group in optimizer.param_groups:
            group["lr"] = learning_rate * remaining
        clip = clip_range * remaining

        # 1. rollout of n_steps from each copy with the current policy
        for t in range(n_steps):
            with torch.no_grad():
                obs_tensor = torch.from_numpy(obs)
                log_probs = torch.log_softmax(actor(obs_tensor), dim=1)
                actions = torch.multinomial(log_probs.exp(), 1)
                rollout_logp[t] = log_probs.gather(1, actions).squeeze(1).numpy()
                rollout_values[t] = critic(obs_tensor).squeeze(1).numpy()
            rollout_obs[t] = obs
            rollout_actions[t] = actions.squeeze(1).numpy()
            obs, reward, terminated, truncated, final_obs = envs.step(rollout_actions[t])
            rollout_rewards[t] = reward
            rollout_terminated[t] = terminated
            rollout_truncated[t] = truncated & ~terminated
            cut = np.flatnonzero(rollout_truncated[t])
            if cut.size:  # V(final observation) for the bootstrap at a time limit
                with torch.no_grad():
                    truncation_values[t, cut] = critic(torch.from_numpy(final_obs[cut])).squeeze(1).numpy()
            steps += n_envs
        with torch.no_grad():
            last_values = critic(torch.from_numpy(obs)).squeeze(1).numpy()

        # 2. GAE(gamma, lambda), eq. 16: delta_t = r_t + gamma (1 - terminated_t) V(s'_t) - V(s_t),
        #    A_t = delta_t + gamma lambda (1 - done_t) A_{t+1}; s'_t is the final observation at a truncation
        next_values = np.concatenate([rollout_values[1:], last_values[None, :]], axis=0)
        next_values = np.where(rollout_truncated, truncation_values, next_values)
        not_terminated = 1.0 - rollout_terminated
        not_done = 1.0 - (rollout_terminated | rollout_truncated)
        advantages = np.zeros((n_steps, n_envs))
        running = np.zeros(n_envs)
        for t in reversed(range(n_steps)):
            delta = rollout_rewards[t] + gamma * not_terminated[t] * next_values[t] - rollout_values[t]
            running = delta + gamma * gae_lambda * not_done[t] * running
            advantages[t] = running
        returns = advantages + rollout_values

        # 3. epochs of minibatch gradient steps on the clipped surrogate (eq. 7) and the value error
        b_obs = torch.from_numpy(rollout_obs.reshape(-1, 4))
        b_actions = torch.from_numpy(rollout_actions.reshape(-1, 1))
        b_logp = torch.from_numpy(rollout_logp.reshape(-1))
        b_advantages = torch.from_numpy(advantages.reshape(-1).astype(np.float32))
        b_returns = torch.from_numpy(returns.reshape(-1).astype(np.float32))
        rows = steps_per_update
        for _ in range(epochs):
            order = torch.randperm(rows)
            for first in range(0, rows, batch_size):
                index = order[first:first + batch_size]
                mb_obs = b_obs[index]
                log_probs = torch.log_softmax(actor(mb_obs), dim=1)
                new_logp = log_probs.gather(1, b_actions[index]).squeeze(1)
                ratio = torch.exp(new_logp - b_logp[index])
                adv = b_advantages[index]
                adv = (adv - adv.mean()) / (adv.std() + 1e-8)  # torch.std: Bessel-corrected
                policy_loss = -torch.min(ratio * adv, torch.clamp(ratio, 1.0 - clip, 1.0 + clip) * adv).mean()
                value_loss = (critic(mb_obs).squeeze(1) - b_returns[index]).pow(2).mean()
                loss = policy_loss + vf_coef * value_loss
                if ent_coef:
                    entropy = -(log_probs.exp() * log_probs).sum(dim=1).mean()
                    loss = loss - ent_coef * entropy
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(parameters, max_grad_norm)
                optimizer.step()

        # 4. evaluation on kl4j's schedule
        last = update == updates
        crossed = args.eval_interval > 0 and steps // args.eval_interval > (steps - steps_per_update) // args.eval_interval
        if crossed or last:
            eval_start = time.perf_counter()
            eval_mean, eval_std = evaluate(actor, args.eval_episodes if last else 10, args.seed + 1_000_000)
            eval_seconds += time.perf_counter() - eval_start
            if steps_to_threshold is None and eval_mean >= SOLVED_THRESHOLD:
                steps_to_threshold = steps
            print(f"update {update}/{updates}, {steps} steps: eval {eval_mean:.1f} +- {eval_std:.1f}, "
                  f"{time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    wall = time.perf_counter() - start
    return {"env": "CartPole-v1", "algo": "ppo-clip (plain PyTorch)", "steps": steps,
            "eval_return_mean": eval_mean, "eval_return_std": eval_std, "eval_episodes": args.eval_episodes,
            "steps_to_threshold": steps_to_threshold, "wall_seconds": round(wall, 3),
            "eval_seconds": round(eval_seconds, 3), "steps_per_second": round(steps / wall, 1),
            "seed": args.seed, "threads": args.threads, "torch": torch.__version__}


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def non_negative_int(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=positive_int, default=100_000, help="environment steps (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="the one seed (torch and the environments; default 1)")
    parser.add_argument("--threads", type=positive_int, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--eval-episodes", type=positive_int, default=100,
                        help="deterministic episodes of the final evaluation (default 100)")
    parser.add_argument("--eval-interval", type=non_negative_int, default=10_000,
                        help="steps between 10-episode evaluations during training, 0 for none (default 10000)")
    args = parser.parse_args()
    print(json.dumps(train(args)), flush=True)


if __name__ == "__main__":
    main()
