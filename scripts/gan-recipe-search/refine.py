"""Probe: does the discriminator of a finished run improve the samples its generator draws?
(Rejection by D's score, Azadi et al. 2019; latent ascent/Langevin on E(z) = |z|^2/2 - logit D(G(z)),
Che et al. 2020.) Reads WORK/NAME.pt written by gan.py --save; scores 10,000 samples with the judge.
  /usr/bin/python3 scripts/gan-recipe-search/refine.py --name base6k
"""
import argparse, copy, torch
from common import judge, score, nets, WORK

ap = argparse.ArgumentParser()
ap.add_argument('--name', required=True)
ap.add_argument('--n', type=int, default=10000, help='samples scored')
a = ap.parse_args()
st = torch.load('%s/%s.pt' % (WORK, a.name))
G, D = nets.dcgan_generator(), nets.dcgan_discriminator()
G.load_state_dict(st['ema']); D.load_state_dict(st['D'])
for m in G.modules():
    if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
        m.reset_running_stats(); m.momentum = None
with torch.no_grad():
    G.train(); G(torch.randn(2048, 64, generator=torch.Generator().manual_seed(99)))
G.eval(); D.eval()
for p in list(G.parameters()) + list(D.parameters()): p.requires_grad_(False)
Dl = D[:-1]
cls = judge()
z0 = torch.randn(a.n, 64, generator=torch.Generator().manual_seed(12345))

def gen(z):
    with torch.no_grad():
        return torch.cat([G(z[i:i + 1000]) for i in range(0, len(z), 1000)])

def logits(x):
    with torch.no_grad():
        return torch.cat([Dl(x[i:i + 1000]).view(-1) for i in range(0, len(x), 1000)])

def show(tag, x):
    IS, conf, hist = score(cls, x)
    print('%-28s IS %.3f conf %.4f min %d max %d' % (tag, IS, conf, min(hist), max(hist)), flush=True)

show('plain', gen(z0))
# rejection: keep the best-scored share of a larger draw
zb = torch.randn(4 * a.n, 64, generator=torch.Generator().manual_seed(7))
xb = gen(zb); lb = logits(xb)
for keep in (0.5, 0.25):
    kept = lb.argsort(descending=True)[:int(4 * a.n * keep)]
    idx = kept[torch.randperm(len(kept), generator=torch.Generator().manual_seed(5))[:a.n]]
    show('reject keep %.2f' % keep, xb[idx])
# latent ascent / Langevin
for eta, steps, noise in ((0.05, 20, 0.0), (0.2, 20, 0.0), (0.05, 50, 1.0)):
    z = z0.clone()
    g = torch.Generator().manual_seed(3)
    for t in range(steps):
        z.requires_grad_(True)
        e = 0.5 * (z ** 2).sum() - Dl(G(z)).sum()
        gz, = torch.autograd.grad(e, z)
        with torch.no_grad():
            z = z - 0.5 * eta * gz + noise * (eta ** 0.5) * torch.randn(z.shape, generator=g)
    show('ascent eta %g steps %d noise %g' % (eta, steps, noise), gen(z.detach()))
