"""Reference VAE with the pytorch/examples semantics, written from the formulas (Debian python3-torch).

  fc1 784->400 relu; fc21, fc22 400->20 (mu, log var); fc3 20->400 relu; fc4 400->784; sigmoid
  loss per batch = BCE(sigmoid(logits), x) summed + KL summed (-1/2 sum(1 + logvar - mu^2 - e^logvar))
  Adam(lr 1e-3, PyTorch defaults); test loss = mean over test images of the summed loss, one z each.

  replay DIR sum|mean EPOCHS  start from kl4j's exported init and use its batches and noise
                              (ParityExport); compares losses/parameters step by step in epoch 1 and
                              the test -ELBO of both models after every epoch (same fixed test noise).
                              'mean' divides the loss by the batch size, as kl4j does.
  train SEED                  independent 10-epoch run: own init, shuffling and noise from SEED.
"""
import gzip
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
DATA = "/usr/share/datasets/fashion-mnist"
SHAPES = [(400, 784), (400,), (40, 400), (40,), (400, 20), (400,), (784, 400), (784,)]  # kl4j's order


def load_images(name):
    with gzip.open(f"{DATA}/{name}.gz", "rb") as f:
        raw = f.read()
    n, r, c = (int.from_bytes(raw[i:i + 4], "big") for i in (4, 8, 12))
    pixels = np.frombuffer(raw, np.uint8, offset=16).reshape(n, r * c)
    return torch.from_numpy(pixels.astype(np.float32) / 255.0)


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc21, self.fc22 = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
        self.fc3, self.fc4 = nn.Linear(20, 400), nn.Linear(400, 784)

    def encode(self, x):
        h = F.relu(self.fc1(x))
        return self.fc21(h), self.fc22(h)

    def loss(self, x, eps):
        """Summed -ELBO of the batch (reconstruction, KL) with the given noise."""
        mu, logvar = self.encode(x)
        z = mu + eps * torch.exp(0.5 * logvar)
        recon = F.binary_cross_entropy(torch.sigmoid(self.fc4(F.relu(self.fc3(z)))), x, reduction="sum")
        kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        return recon, kld

    def kl4j_order(self):
        """Parameters as kl4j lists them: w1 b1 wq bq w3 b3 w4 b4 (wq, bq stack the mu and log-var heads)."""
        return [self.fc1.weight, self.fc1.bias, torch.cat([self.fc21.weight, self.fc22.weight]),
                torch.cat([self.fc21.bias, self.fc22.bias]), self.fc3.weight, self.fc3.bias,
                self.fc4.weight, self.fc4.bias]

    def load_kl4j(self, d, tag):
        v = [torch.from_numpy(np.fromfile(f"{d}/{tag}_{i}.bin", "<f4").reshape(s)) for i, s in enumerate(SHAPES)]
        with torch.no_grad():
            for layer, w, b in ((self.fc1, v[0], v[1]), (self.fc3, v[4], v[5]), (self.fc4, v[6], v[7]),
                                (self.fc21, v[2][:20], v[3][:20]), (self.fc22, v[2][20:], v[3][20:])):
                layer.weight.copy_(w)
                layer.bias.copy_(b)
        return self


def test_loss(model, test, seed=12345):
    g = torch.Generator().manual_seed(seed)
    total = 0.0
    with torch.no_grad():
        for i in range(0, len(test), 128):
            x = test[i:i + 128]
            r, k = model.loss(x, torch.randn(len(x), 20, generator=g))
            total += r.item() + k.item()
    return total / len(test)


def replay(d, mode, epochs):
    train, test = load_images("train-images-idx3-ubyte"), load_images("t10k-images-idx3-ubyte")
    eps_all = torch.from_numpy(np.fromfile(f"{d}/eps.bin", "<f4")).reshape(-1, 20)
    kl4j_loss = np.genfromtxt(f"{d}/kl4j_losses.csv", delimiter=",", names=True)["loss_mean"]
    model = VAE().load_kl4j(d, "init")
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    step, row, diffs = 0, 0, []
    for e in range(1, epochs + 1):
        order = torch.from_numpy(np.fromfile(f"{d}/order{e}.bin", "<i4").astype(np.int64))
        for s in range(0, len(order), 128):
            x = train[order[s:s + 128]]
            m = len(x)
            r, k = model.loss(x, eps_all[row:row + m])
            row += m
            opt.zero_grad()
            ((r + k) if mode == "sum" else (r + k) / m).backward()
            opt.step()
            mine, theirs = (r + k).item() / m, kl4j_loss[step]
            diffs.append(mine - theirs)
            step += 1
            if step in (1, 10, 100):
                ref = VAE().load_kl4j(d, f"step{step}").kl4j_order()
                got = model.kl4j_order()
                diff = max(float((g - w).abs().max()) for g, w in zip(got, ref))
                print(f"step {step}: loss/image torch {mine:.6f} kl4j {theirs:.6f} "
                      f"(rel {abs(mine - theirs) / theirs:.1e}); parameters max |diff| {diff:.1e}")
        kl4j_model = VAE().load_kl4j(d, f"epoch{e}")
        print(f"epoch {e}: test -ELBO torch-{mode} {test_loss(model, test):.3f} kl4j {test_loss(kl4j_model, test):.3f}; "
              f"mean train-loss difference (torch - kl4j) this epoch {np.mean(diffs[-len(range(0, len(order), 128)):]):+.3f}",
              flush=True)


def train_independent(seed, epochs=10):
    torch.manual_seed(seed)
    train, test = load_images("train-images-idx3-ubyte"), load_images("t10k-images-idx3-ubyte")
    model = VAE()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(seed + 1000)
    for e in range(1, epochs + 1):
        perm = torch.randperm(len(train), generator=g)
        for s in range(0, len(train), 128):
            x = train[perm[s:s + 128]]
            r, k = model.loss(x, torch.randn(len(x), 20, generator=g))
            opt.zero_grad()
            (r + k).backward()
            opt.step()
        print(f"seed {seed} epoch {e}: test -ELBO {test_loss(model, test, seed + 2000):.3f}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "replay":
        replay(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        train_independent(int(sys.argv[2]))
