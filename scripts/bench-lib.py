"""Shared by scripts/bench and scripts/bench-query (loaded by path; not a
product module). Python 3 standard library only.

- where things are: the project, its build, the Reuters-21578 corpus
- Reuters-21578 SGML → one story a file (for omindex and the minimal Xapian
  loop) and one CSV (for SQLite FTS5): title, then dateline + body
- the fixed query set, percentiles, timed runs with peak RSS
"""
import csv
import html
import os
import random
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def corpora_dir():
    return os.environ.get("BRIEFS_CORPORA") or os.path.join(os.path.dirname(ROOT), "shared", "corpora")


def reuters_files():
    d = os.path.join(corpora_dir(), "reuters21578")
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(d, f) for f in os.listdir(d) if re.fullmatch(r"reut2-\d+\.sgm", f))


def install(*pkgs):
    subprocess.run([os.path.join(ROOT, "scripts", "install-deps"), *pkgs], check=True)


def build(build_dir):
    """Build briefs (incremental) and return (brief-index, brief-query)."""
    env = dict(os.environ, BUILD_DIR=build_dir)
    subprocess.run([os.path.join(ROOT, "scripts", "build")], check=True, env=env)
    return (os.path.join(build_dir, "indexer", "brief-index"),
            os.path.join(build_dir, "query", "brief-query"))


def build_peer(work):
    """Compile the minimal Xapian loop (scripts/peers/xapian-loop.cc) into work."""
    src = os.path.join(ROOT, "scripts", "peers", "xapian-loop.cc")
    exe = os.path.join(work, "xapian-loop")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "xapian-core"],
                               check=True, capture_output=True, text=True).stdout.split()
        subprocess.run(["g++", "-O2", "-std=c++17", "-o", exe, src, *flags], check=True)
    return exe


# --- Reuters-21578 → stories -------------------------------------------------

_story = re.compile(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)
_ctrl = re.compile(r"&#(\d+);")


def _field(tag, text):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), text, re.S)
    return m.group(1) if m else ""


def _clean(s):
    s = _ctrl.sub(lambda m: "" if int(m.group(1)) < 32 or int(m.group(1)) == 127 else m.group(0), s)
    return html.unescape(s).strip()


def reuters_stories():
    """Yield (id, title, text) for every story: text = dateline + body."""
    for path in reuters_files():
        with open(path, "rb") as f:
            data = f.read().decode("utf-8", errors="replace")
        for m in _story.finditer(data):
            newid, s = m.group(1), m.group(2)
            title = _clean(_field("TITLE", s))
            dateline = _clean(_field("DATELINE", s))
            body = _clean(_field("BODY", s))
            if not body and not title:
                body = _clean(re.sub(r"<[^>]+>", " ", _field("TEXT", s)))
            yield "reuters-" + newid, title, (dateline + " " + body).strip()


def prepare_stories(work):
    """Write work/stories/<id>.txt (title line, then text) and work/stories.csv
    (id,title,body) once; return (story dir, csv path, count)."""
    sdir = os.path.join(work, "stories")
    cpath = os.path.join(work, "stories.csv")
    done = os.path.join(work, "stories.done")
    if os.path.exists(done):
        with open(done) as f:
            return sdir, cpath, int(f.read())
    os.makedirs(sdir, exist_ok=True)
    n = 0
    with open(cpath, "w", newline="", encoding="utf-8") as cf:
        w = csv.writer(cf)
        for sid, title, text in reuters_stories():
            with open(os.path.join(sdir, sid + ".txt"), "w", encoding="utf-8") as f:
                f.write(title.replace("\n", " ") + "\n" + text + "\n")
            w.writerow([sid, title, text])
            n += 1
    with open(done, "w") as f:
        f.write(str(n))
    return sdir, cpath, n


def build_fts5(csv_path, db):
    """The SQLite FTS5 peer: the sqlite3 CLI imports the CSV into an FTS5 table
    with the porter tokenizer. Returns the argv and stdin to time."""
    script = ("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
              "tokenize='porter unicode61');\n.mode csv\n.import '%s' docs\n" % csv_path)
    return ["sqlite3", db], script


# --- queries ------------------------------------------------------------------

STOPWORDS = set("""a about above after again against all am an and any are as at be because
been before being below between both but by can could did do does doing down during each
few for from further had has have having he her here hers herself him himself his how i if
in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours
yourself yourselves said says say also mln dlrs pct cts reuter reuters year years last
inc corp co ltd vs shr net qtr one two three four five six seven eight nine ten may
april march june july feb jan mar apr would new""".split())

_word = re.compile(r"[a-z]+")


def make_queries(n=1000, seed=42, stories=None):
    """A fixed set of n queries drawn from the Reuters stories with a fixed
    seed: half single words, a quarter two words, a quarter two-word phrases.
    Words are drawn by their frequency in the corpus (as users type them),
    without stopwords, numbers or words under 3 letters.
    stories: (id, title, text) triples; default: Reuters-21578.
    Returns a list of (kind, words) with kind in word|words|phrase."""
    rng = random.Random(seed)
    tokens, pairs = [], []
    for _sid, title, text in (stories if stories is not None else reuters_stories()):
        toks = _word.findall((title + " " + text).lower())
        ok = [len(t) >= 3 and t not in STOPWORDS for t in toks]
        for i, t in enumerate(toks):
            if ok[i]:
                tokens.append(t)
                if i + 1 < len(toks) and ok[i + 1]:
                    pairs.append((t, toks[i + 1]))
    qs = []
    for i in range(n):
        r = i % 4
        if r in (0, 1):
            qs.append(("word", [rng.choice(tokens)]))
        elif r == 2:
            qs.append(("words", [rng.choice(tokens), rng.choice(tokens)]))
        else:
            qs.append(("phrase", list(rng.choice(pairs))))
    return qs


def xapian_syntax(q):
    kind, w = q
    return '"%s"' % " ".join(w) if kind == "phrase" else " ".join(w)


def fts5_syntax(q):
    kind, w = q
    return '"%s"' % " ".join(w) if kind == "phrase" else " OR ".join('"%s"' % x for x in w)


# --- numbers --------------------------------------------------------------------

def percentile(xs, p):
    """Nearest-rank percentile of xs (p in 0..100)."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))
    return s[k]


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def timed(argv, stdin=None, env=None, cwd=None):
    """Run argv under /usr/bin/time -v; return (wall seconds, peak RSS in KiB).
    Fails loudly on a non-zero exit other than 1 (brief-index: some failed)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name, *argv], input=stdin,
                           text=True, env=env, cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        rss = 0
        for line in open(tf.name):
            if "Maximum resident set size" in line:
                rss = int(line.split(":")[1])
    if p.returncode not in (0, 1):
        raise RuntimeError("%s exited %d: %s" % (argv[0], p.returncode, p.stderr[-2000:]))
    return wall, rss, p.stderr


def du_kib(path):
    out = subprocess.run(["du", "-sk", path], check=True, capture_output=True, text=True).stdout
    return int(out.split()[0])


def jsonl_stories(d):
    """(id, title, body) of every brief in the JSON Lines files under d."""
    import json
    for f in sorted(os.listdir(d)):
        if f.endswith(".jsonl"):
            for line in open(os.path.join(d, f), encoding="utf-8"):
                b = json.loads(line)
                yield b["id"], b.get("title", ""), b.get("body", "")
