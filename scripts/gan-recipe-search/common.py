"""Shared pieces of the DCGAN recipe search: the bundled digits and the project's judge in PyTorch.

The judge is models/digit-cnn itself: ExportClassifier.java writes its DL4J parameters to WORK/cls.bin,
and judge() loads them into nets.digit_classifier (same layers; DL4J's dense weights are [in, out]).
Run `python3 common.py` to check the port: it must print the figures `./studio evaluate` gives real
held-out digits (IS 9.48, confident share 95.9 %, accuracy 98.27 %).
"""
import gzip, os, struct, sys, numpy as np, torch
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.environ.get('BENCH', os.path.join(ROOT, '..', 'shared', 'bench')))
import nets
torch.set_num_threads(1)  # the VM's cores are shared
WORK = os.environ.get('GANQ_WORK', '/tmp/ganq')

def mnist():
    with gzip.open(ROOT + '/assets/mnist/mnist-10k.idx.gz', 'rb') as f:
        b = f.read()
    magic, n, h, w = struct.unpack('>IIII', b[:16])
    assert magic == 0x803
    px = np.frombuffer(b, np.uint8, n * h * w, 16).reshape(n, 1, h, w)
    off = 16 + n * h * w
    m2, n2 = struct.unpack('>II', b[off:off + 8])
    lab = np.frombuffer(b, np.uint8, n, off + 8).astype(np.int64)
    x = torch.from_numpy(px.astype(np.float32) / 127.5 - 1)
    return x, torch.from_numpy(lab)

def judge():
    """The project's digit-cnn with its DL4J weights (exported by ExportCls.java)."""
    net = nets.digit_classifier()
    raw = np.fromfile(WORK + '/cls.bin', dtype='>f4')
    t, o = {}, 0
    for line in open(WORK + '/cls.bin.txt'):
        k, s = line.split()
        shape = [int(v) for v in s.split(',')]
        n = int(np.prod(shape))
        t[k] = torch.from_numpy(raw[o:o + n].astype(np.float32).reshape(shape)); o += n
    sd = net.state_dict()
    sd['0.weight'] = t['0_W']; sd['0.bias'] = t['0_b'].reshape(-1)
    sd['3.weight'] = t['2_W']; sd['3.bias'] = t['2_b'].reshape(-1)
    sd['7.weight'] = t['4_W'].T.contiguous(); sd['7.bias'] = t['4_b'].reshape(-1)
    sd['9.weight'] = t['5_W'].T.contiguous(); sd['9.bias'] = t['5_b'].reshape(-1)
    net.load_state_dict(sd)
    return net.eval()

@torch.no_grad()
def score(cls, x):
    p = torch.cat([torch.softmax(cls(x[i:i + 500]), 1) for i in range(0, len(x), 500)]).double()
    py = p.mean(0)
    kl = (p * (torch.log(p.clamp_min(1e-12)) - torch.log(py.clamp_min(1e-12)))).sum(1).mean()
    conf, arg = p.max(1)
    hist = torch.bincount(arg, minlength=10)
    return float(torch.exp(kl)), float((conf >= 0.9).double().mean()), hist.tolist()

if __name__ == '__main__':
    x, y = mnist()
    c = judge()
    te = x[8500:]
    with torch.no_grad():
        acc = (c(te).argmax(1) == y[8500:]).float().mean()
    print('test acc', float(acc), 'score', score(c, te))
    print('train score', score(c, x[:8500])[:2])
