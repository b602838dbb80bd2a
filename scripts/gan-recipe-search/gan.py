"""One DCGAN recipe run in PyTorch on the project's architecture (../shared/bench/nets.py), batch 32,
z ~ N(0,1) in R^64, the 8,500 training digits, scored every --eval steps with the project's judge
(models/digit-cnn, see common.py) on 10,000 samples of the weight average (EMA, the trainer's decay
schedule) with BatchNorm statistics re-measured on 2,048 noise vectors, as DcganTrainer ships it.

One-time setup (from the repository root, after `mvn package`):
  mkdir -p /tmp/ganq && javac -cp "target/latent-studio.jar:target/lib/*" -d /tmp/ganq scripts/gan-recipe-search/*.java
  java -cp "target/latent-studio.jar:target/lib/*:/tmp/ganq" ExportClassifier models/digit-cnn/classifier.zip /tmp/ganq/cls.bin
  /usr/bin/python3 scripts/gan-recipe-search/common.py     # must print IS 9.48 / 95.9 % for the held-out digits
Then, one run at a time (one thread each):
  /usr/bin/python3 scripts/gan-recipe-search/gan.py --name base
  /usr/bin/python3 scripts/gan-recipe-search/gan.py --name b1zero --b1 0.0 --b2 0.9
Each evaluation also writes its samples to /tmp/ganq/samples-NAME.bin; ScoreSamples scores them with
the Java evaluation code (GanQuality) as a cross-check:
  java -Dstudio.home=$PWD -cp "target/latent-studio.jar:target/lib/*:/tmp/ganq" dev.latentstudio.engine.classify.ScoreSamples /tmp/ganq/samples-base.bin
"""
import argparse, json, time, copy, torch, torch.nn.functional as F
from common import mnist, judge, score, nets, WORK

ap = argparse.ArgumentParser()
ap.add_argument('--name', required=True)
ap.add_argument('--steps', type=int, default=3000)
ap.add_argument('--eval', type=int, default=1000)
ap.add_argument('--lrD', type=float, default=2e-4)
ap.add_argument('--lrG', type=float, default=2e-4)
ap.add_argument('--b1', type=float, default=0.5)
ap.add_argument('--b2', type=float, default=0.999)
ap.add_argument('--topk', type=float, default=1.0, help='final share of fakes feeding G loss')
ap.add_argument('--topk_from', type=int, default=0)
ap.add_argument('--topk_to', type=int, default=0, help='anneal end step (0: steps)')
ap.add_argument('--nD', type=int, default=1)
ap.add_argument('--noise', type=float, default=0.0, help='instance noise sigma, annealed linearly to 0 at --noise_to')
ap.add_argument('--noise_to', type=int, default=0)
ap.add_argument('--decay_from', type=int, default=-1)
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--mix', action='store_true', help='D sees real and fake in one BatchNorm batch')
ap.add_argument('--nG', type=int, default=1)
ap.add_argument('--cr', type=float, default=0.0, help='bCR weight (shift up to 2 px), real and fake')
ap.add_argument('--loss', default='ns', choices=['ns', 'ls', 'hinge'], help='non-saturating, least squares, hinge')
ap.add_argument('--r1', type=float, default=0.0, help='R1 penalty weight gamma (Mescheder et al. 2018) on real inputs')
ap.add_argument('--save', action='store_true', help='write G, its average and D to WORK/NAME.pt at the end')
ap.add_argument('--aug', type=float, default=0.0, help='probability of shifting a real digit by up to 2 px')
a = ap.parse_args()
torch.manual_seed(a.seed)
x, y = mnist(); data = x[:8500]
cls = judge()

def init(m):
    for p in m.modules():
        if isinstance(p, (torch.nn.Linear, torch.nn.Conv2d, torch.nn.ConvTranspose2d)):
            torch.nn.init.normal_(p.weight, 0, 0.02)
            if p.bias is not None: torch.nn.init.zeros_(p.bias)
        if isinstance(p, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
            p.momentum = 0.1
G, D = nets.dcgan_generator(), nets.dcgan_discriminator()
init(G); init(D)
oG = torch.optim.Adam(G.parameters(), a.lrG, (a.b1, a.b2))
oD = torch.optim.Adam(D.parameters(), a.lrD, (a.b1, a.b2))
ema = copy.deepcopy(G)
calZ = torch.randn(2048, 64, generator=torch.Generator().manual_seed(99))
evalZ = torch.randn(10000, 64, generator=torch.Generator().manual_seed(12345))

def shift(v):
    dx, dy = [int(t) for t in torch.randint(-2, 3, (2,))]
    return torch.roll(F.pad(v, (2, 2, 2, 2), value=-1), (dy, dx), (2, 3))[:, :, 2:30, 2:30]

@torch.no_grad()
def evaluate():
    g = copy.deepcopy(ema)
    for m in g.modules():
        if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
            m.reset_running_stats(); m.momentum = None
    g.train(); g(calZ); g.eval()
    xs = torch.cat([g(evalZ[i:i + 1000]) for i in range(0, 10000, 1000)])
    xs.numpy().astype('>f4').tofile('%s/samples-%s.bin' % (WORK, a.name))  # for the Java cross-check
    return score(cls, xs)

def bce(logit, t):
    # from the pre-sigmoid value, as DL4J's XENT+sigmoid gradient (output - label): no clipping dead zone
    return F.binary_cross_entropy_with_logits(logit, torch.full_like(logit, t))
Dl = D[:-1]  # D without its final sigmoid

perm, pi = torch.randperm(8500), 0
results, t0 = [], time.time()
for step in range(a.steps):
    if a.decay_from >= 0 and step >= a.decay_from:
        k = min(10, 1 + (step - a.decay_from) * 10 // (a.steps - a.decay_from))
        for o, lr in ((oG, a.lrG), (oD, a.lrD)):
            for gr in o.param_groups: gr['lr'] = lr * (1 - 0.09 * k)
    sig = a.noise * max(0.0, 1 - step / a.noise_to) if a.noise > 0 else 0.0
    for _ in range(a.nD):
        if pi + 32 > 8500: perm, pi = torch.randperm(8500), 0
        real = data[perm[pi:pi + 32]]; pi += 32
        if a.aug > 0:
            real = torch.stack([shift(r[None])[0] if torch.rand(()) < a.aug else r for r in real])
        z = torch.randn(32, 64)
        fake = G(z)
        rin, fin = real, fake.detach()
        if sig > 0: rin = rin + sig * torch.randn_like(rin); fin = fin + sig * torch.randn_like(fin)
        if a.mix:
            both = Dl(torch.cat([rin, fin])); dr, df = both[:32], both[32:]
        else:
            dr, df = Dl(rin), Dl(fin)
        if a.r1 > 0:
            rin = rin.detach().requires_grad_(True); dr = Dl(rin)
        if a.loss == 'ns': lossD = bce(dr, 1) + bce(df, 0)
        elif a.loss == 'ls': lossD = 0.5 * (((dr - 1) ** 2).mean() + (df ** 2).mean())
        else: lossD = F.relu(1 - dr).mean() + F.relu(1 + df).mean()
        if a.r1 > 0:
            g, = torch.autograd.grad(dr.sum(), rin, create_graph=True)
            lossD = lossD + a.r1 / 2 * g.pow(2).sum((1, 2, 3)).mean()
        if a.cr > 0:
            lossD = lossD + a.cr * (((D(shift(rin)) - torch.sigmoid(dr)) ** 2).mean() + ((D(shift(fin)) - torch.sigmoid(df)) ** 2).mean())
        oD.zero_grad(); lossD.backward(); oD.step()
    for gi in range(a.nG):
        if gi > 0: fake = G(torch.randn(32, 64))
        fin = fake + sig * torch.randn_like(fake) if sig > 0 else fake
        if a.mix:  # the same BatchNorm batch as D's update: real beside fake
            out = Dl(torch.cat([real, fin]))[32:].view(-1)
        else:
            out = Dl(fin).view(-1)
        end = a.topk_to or a.steps
        share = 1.0 - (1.0 - a.topk) * min(1.0, max(0.0, (step - a.topk_from) / max(1, end - a.topk_from)))
        k = max(1, round(32 * share))
        if k < 32: out = torch.topk(out, k).values
        if a.loss == 'ns': lossG = F.softplus(-out).mean()  # -log sigmoid(logit)
        elif a.loss == 'ls': lossG = 0.5 * ((out - 1) ** 2).mean()
        else: lossG = -out.mean()
        oG.zero_grad(); lossG.backward(); oG.step()
    dec = min(0.999, (1 + step) / (10 + step))
    with torch.no_grad():
        for pe, p in zip(ema.parameters(), G.parameters()): pe.mul_(dec).add_(p, alpha=1 - dec)
    if (step + 1) % a.eval == 0:
        IS, conf, hist = evaluate()
        r = dict(step=step + 1, IS=round(IS, 3), conf=round(conf, 4), min=min(hist), max=max(hist), hist=hist, s=round(time.time() - t0))
        results.append(r); print(a.name, json.dumps(r), flush=True)
if a.save:
    torch.save(dict(G=G.state_dict(), ema=ema.state_dict(), D=D.state_dict()), '%s/%s.pt' % (WORK, a.name))
with open(WORK + '/results.jsonl', 'a') as f:
    f.write(json.dumps(dict(name=a.name, args=vars(a), results=results)) + '\n')
