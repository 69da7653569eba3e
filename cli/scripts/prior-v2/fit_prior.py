"""Step 3 of the rig v2 face prior: fits a character to every cached train face by its 3D landmarks, then fits a
low-rank Gaussian to the fitted face sliders and writes shared/src/rig/v2/face-prior.gen.ts.

Fit per face (MAP, Gauss-Newton with the alignment re-solved each round): the photo's 68 FaceMesh points
(pose-normalised 3D) are aligned to the engine's landmark vertices by a similarity (Procrustes), and the face
sliders (in half-ranges, mirrored pairs together) plus nuisances (age, build, heritage, smile...) are solved by
ridge least squares on the linear morph basis (engine-basis.ts). Depth counts half (FaceMesh's z is an estimate),
the jaw contour 0.7; the photo's depth scale is fitted too (FaceMesh's z has its own scale). Only near-frontal faces (|yaw|, |pitch| < 20 degrees) are used.

Prior: mean and covariance of the fitted face sliders of the NEUTRAL-looking faces (smiles leak into the mouth
sliders); the top components explaining VAR_KEPT of the variance
are kept as the latent space, and a per-slider residual sd (what they leave, at least FLOOR) gives detail.

Usage: python3 cli/scripts/prior-v2/fit_prior.py && npx prettier --write shared/src/rig/v2/face-prior.gen.ts
"""
import json, math, os, sys
import numpy as np

W = 'models/.work/prior/'
basis = json.load(open(W + 'basis.json'))
faces = json.load(open(W + 'train-faces.json'))
keys = basis['face_keys']
NF = len(keys)
NN = len(basis['nuisance'])

# Prior sds for the ridge: face sliders in half-ranges, nuisances in slider units; landmark noise in IOD.
SD_FACE = float(os.environ.get("SDF", 0.6))
SD_NUIS = np.array([0.35, 0.25, 0.25, 0.4, 0.4, 0.4, 0.3, 0.3, 0.3])
NOISE = float(os.environ.get("NOISE", 0.025))
VAR_KEPT = 0.9
FLOOR = 0.12
MAX_DEG = 20
SMILE_MAX = -0.05
OPEN_MAX = 0.1

wpt = np.ones((68, 3))
wpt[:, 2] = float(os.environ.get("ZW", 0.5))
wpt[:17, :] *= 0.7
wflat = wpt.reshape(-1)

def model(name):
    """Zero point: FaceMesh's reading of the base render (like with like); slopes: the landmark vertices'."""
    b = basis[name]
    v0 = np.array(b['base']).reshape(68, 3)
    J = np.array(b['columns']).T  # (204, P)
    iod = np.linalg.norm(v0[36] - v0[45])
    m0 = np.array(b['measured']).reshape(68, 3)
    m0 = m0 - m0.mean(0)
    al = similarity(v0, m0, np.ones(68))(v0)
    print(f'{name}: FaceMesh on the render vs landmark vertices, RMS {np.sqrt(((al - m0) ** 2).sum(1).mean()):.4f} IOD',
          file=sys.stderr)
    # The slopes in the measured frame: the vertex frame's rotation and scale (the similarity's linear part).
    R = similarity(v0, m0, np.ones(68))
    o = R(np.zeros((1, 3)))[0]
    Jm = np.stack([(R(J[:, k].reshape(68, 3)) - o).reshape(-1) for k in range(J.shape[1])], 1)
    return m0, Jm


def similarity(src, dst, w):
    """Scale s, rotation R, translation t minimising sum w |s R src + t - dst|^2 (per-point weights)."""
    w = w / w.sum()
    ms = (w[:, None] * src).sum(0)
    md = (w[:, None] * dst).sum(0)
    a = src - ms
    b = dst - md
    H = (w[:, None] * a).T @ b
    U, S, Vt = np.linalg.svd(H)
    d = np.sign(np.linalg.det(Vt.T @ U.T))
    D = np.diag([1, 1, d])
    R = Vt.T @ D @ U.T
    s = (S * np.diag(D)).sum() / (w[:, None] * a * a).sum()
    return lambda x: s * (x - ms) @ R.T + md

MODELS = {'female': model('female'), 'male': model('male')}

prior_prec = np.concatenate([np.full(NF, 1 / SD_FACE**2), 1 / SD_NUIS**2]) * NOISE**2

def fit(face, prec=None):
    p0, J = MODELS['male' if face['gender'] == 'male' else 'female']
    photo = np.array(face['ibug3d']).reshape(68, 3)
    theta = np.zeros(NF + NN)
    wp = wpt.mean(1)
    for _ in range(3):
        cur = p0 + (J @ theta).reshape(68, 3)
        al = similarity(photo, cur, wp)(photo)
        # FaceMesh's depth scale is its own: stretch the photo's z to the model's (least squares, centred).
        zc = al[:, 2] - al[:, 2].mean()
        al[:, 2] = cur[:, 2].mean() + zc * (zc @ (cur[:, 2] - cur[:, 2].mean())) / (zc @ zc)
        r = (al - p0).reshape(-1)
        A = J * wflat[:, None]
        theta = np.linalg.solve(A.T @ J + np.diag(prior_prec if prec is None else prec), A.T @ r)
    cur = p0 + (J @ theta).reshape(68, 3)
    res = np.sqrt((((al - cur) ** 2)[:, :2].sum(1)).mean())
    res0 = np.sqrt((((similarity(photo, p0, wp)(photo) - p0) ** 2)[:, :2].sum(1)).mean())
    return theta, res, res0

# Validation: renders of characters with known sliders, read by FaceMesh, fitted the same way.
truth, found = [], []
for v in basis['validation']:
    th, _, _ = fit(v)
    sl = v['sliders']
    truth.append([np.mean([2 * sl[i] - 1 for i in basis['members'][k]]) for k in keys])
    found.append(th[:NF])
truth, found = np.array(truth), np.array(found)
cors = [np.corrcoef(truth[:, k], found[:, k])[0, 1] for k in range(NF) if truth[:, k].std() > 0]
print(f'validation ({len(truth)} renders): median per-slider correlation true vs fitted {np.nanmedian(cors):.2f}, '
      f'overall {np.corrcoef(truth.ravel(), found.ravel())[0, 1]:.2f}, bias |mean| {np.abs(found.mean(0) - truth.mean(0)).mean():.3f}',
      file=sys.stderr)
# What matters is the SHAPE: the landmark offsets the fitted sliders make vs those the true ones make.
Jf = MODELS['female'][1][:, :NF]
dt, df = truth @ Jf.T, found @ Jf.T
print(f'validation: landmark offsets of true vs fitted face sliders, correlation {np.corrcoef(dt.ravel(), df.ravel())[0, 1]:.2f}, '
      f'RMS true {np.sqrt((dt ** 2).mean()):.4f} fitted {np.sqrt((df ** 2).mean()):.4f} error {np.sqrt(((dt - df) ** 2).mean()):.4f} IOD',
      file=sys.stderr)

rows = []
for f in faces:
    if abs(f['pose']['yaw']) > MAX_DEG or abs(f['pose']['pitch']) > MAX_DEG:
        continue
    th, res, res0 = fit(f)
    rows.append((f, th, res, res0))
print(f'fitted {len(rows)} of {len(faces)} faces (near-frontal)', file=sys.stderr)
res = np.array([r[2] for r in rows]); res0 = np.array([r[3] for r in rows])
print(f'landmark RMS (IOD, 2D): base {res0.mean():.4f} -> fitted {res.mean():.4f}', file=sys.stderr)
# Smiles leak into the mouth sliders (the smile target and mouth width/position move the same landmarks:
# correlation 0.96 over the fits), so the statistics come from NEUTRAL-looking faces only: a fitted smile no
# larger than the neutral Canada studio photos' (all <= -0.09) plus a margin, and a closed mouth.
SMILE = basis['nuisance'].index('expression.smile')
OPEN = basis['nuisance'].index('expression.mouth_open')
rows = [r for r in rows if r[1][NF + SMILE] <= SMILE_MAX and r[1][NF + OPEN] <= OPEN_MAX]
print(f'{len(rows)} neutral-looking faces (fitted smile <= {SMILE_MAX}, mouth open <= {OPEN_MAX})', file=sys.stderr)
# ...refitted with no smile and a closed mouth, so the mouth sliders hold the whole neutral mouth shape.
neutral_prec = prior_prec.copy()
neutral_prec[NF + SMILE] = neutral_prec[NF + OPEN] = 1e6
rows = [(f, *fit(f, neutral_prec)) for f, _, _, _ in rows]
res = np.array([r[2] for r in rows]); res0 = np.array([r[3] for r in rows])
print(f'neutral refit landmark RMS (IOD, 2D): base {res0.mean():.4f} -> fitted {res.mean():.4f}', file=sys.stderr)
T = np.array([r[1] for r in rows])
F = T[:, :NF].copy()
# Ears and neck carry no iBUG landmark: in the fit they only soak up the jaw contour's silhouette error (FaceMesh
# reads the outline, the engine has fixed vertices), so the prior leaves them at neutral with the floor's detail.
UNSEEN = [k for k, key in enumerate(keys) if key.startswith('face.ear-') or key.startswith('face.neck-')]
F[:, UNSEEN] = 0
mean = F.mean(0)
C = np.cov(F.T)
ev, U = np.linalg.eigh(C)
order = np.argsort(ev)[::-1]
ev, U = ev[order], U[:, order]
frac = np.cumsum(ev) / ev.sum()
K = int(np.searchsorted(frac, VAR_KEPT) + 1)
comps = (U[:, :K] * np.sqrt(ev[:K])).T  # (K, NF): z_k * comps[k] is the offset
resid_var = np.clip(np.diag(C) - (comps**2).sum(0), 0, None)
residual = np.maximum(np.sqrt(resid_var), FLOOR)
print(f'K={K} components explain {frac[K-1]:.3f}; sd per slider mean {np.sqrt(np.diag(C)).mean():.3f}, '
      f'|mean| max {np.abs(mean).max():.3f}', file=sys.stderr)
nu = T[:, NF:]
print('nuisance means', dict(zip(basis['nuisance'], np.round(nu.mean(0), 3))), file=sys.stderr)
top = np.argsort(-np.abs(mean))[:8]
print('largest mean offsets', [(keys[i], round(float(mean[i]), 3)) for i in top], file=sys.stderr)
sd = np.sqrt(np.diag(C))
top = np.argsort(-sd)[:8]
print('largest sds', [(keys[i], round(float(sd[i]), 3)) for i in top], file=sys.stderr)

r3 = lambda a: [round(float(x), 3) for x in a]
body = {
    'keys': keys,
    'mean': r3(mean),
    'components': [r3(c) for c in comps],
    'residual': r3(residual),
}
stats = dict(faces=len(rows), components=K, variance_kept=round(float(frac[K-1]), 3),
             rms_base=round(float(res0.mean()), 4), rms_fitted=round(float(res.mean()), 4))
out = ['/**',
       ' * @module rig/v2/face-prior.gen — GENERATED by cli/scripts/prior-v2/fit_prior.py (do not edit): the face prior',
       f' * fitted to {stats["faces"]} near-frontal, neutral-looking train faces of ../shared/faces (Pixabay, Canada; never London): landmark RMS',
       f' * {stats["rms_base"]} -> {stats["rms_fitted"]} inter-ocular. {K} components keep {stats["variance_kept"]} of the variance.',
       ' * Values in half-ranges of each slider\'s safe limit; see rig/v2/face-prior.',
       ' */',
       'export const FACE_PRIOR: {',
       '  keys: readonly string[]',
       '  mean: readonly number[]',
       '  components: readonly (readonly number[])[]',
       '  residual: readonly number[]',
       '} = ' + json.dumps(body),
       '']
open('shared/src/rig/v2/face-prior.gen.ts', 'w').write('\n'.join(out))
json.dump({**stats, 'fits': [{'file': r[0]['file'], 'theta': r3(r[1]), 'rms': round(float(r[2]), 4)} for r in rows]},
          open(W + 'fits.json', 'w'))
