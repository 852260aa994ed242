#!/usr/bin/env python3
"""Writes N synthetic articles (JSON Lines) for sizing runs: python3 synth.py N > corpus.jsonl.

Seeded, so the same N gives the same corpus. Words follow a Zipf-like distribution over a
vocabulary of common English words plus made-up ones; bodies are ~400 words in sentences.
"""
import json, random, sys

rng = random.Random(42)
COMMON = ("the of and to in a is that for it as was with be by on not he i this are or his from "
          "at which but have an they you were her she there been one all we their has would when "
          "more will if no out so said what up its about into than them can only other new some "
          "could time these two may then first any my now such like our over man me even most made "
          "after also did many before must through back years where much your way well down should "
          "because each just those people how too little state good very make world still own see "
          "men work long get here between both life being under never day same another know while "
          "last might us great old year off come since against go came right used take three").split()
TOPICAL = ("council city budget climate economy election harbour ferry school health clinic police "
           "court river flood storm energy wind solar tax market bank price inflation trade export "
           "farm festival music library museum theatre football rowing chess glacier science study "
           "university research hospital vaccine road rail bridge port airport housing rent mayor "
           "minister parliament vote policy reform strike union wage worker factory shipyard fishing "
           "forest wildlife orchid drought heat water power grid internet fibre software startup").split()
SYL = "ka lo mi ren tas vel dor an is ur el po ni sa te bri gal mon ster quin".split()
MADE_UP = sorted({"".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))) for _ in range(3000)})
VOCAB = COMMON + TOPICAL + MADE_UP
WEIGHTS = [1.0 / (i + 1) ** 0.9 for i in range(len(VOCAB))]
rng.shuffle(WEIGHTS[len(COMMON):])  # topical and made-up words get a mixed rank

FIRST = "Ana Jonas Priya Liam Chloé Fatima Hannah Zoë Tomas Mirela Oskar Ilse Nuno Bjørn Samuel Katrin Rolf Ragnar".split()
LAST = "Tubić Müller Raman O'Connor Dubois Haddad Schmidt Castellanos Lind Kovač Vennberg Brandt Gonçalves Åsheim Okafor Holt Aberg Weiss".split()
AUTHORS = sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(400)})
SOURCES = [f"The {w.title()} {k}" for w, k in zip(rng.sample(TOPICAL, 20), ["Courier", "Gazette", "Wire", "Tribune", "Weekly"] * 4)]
CATEGORIES = "Politics Business Sport Culture Science Environment Health Technology Local Education World Opinion Travel Food Crime".split()


def words(n):
    return rng.choices(VOCAB, weights=WEIGHTS, k=n)


def sentence(n):
    w = words(n)
    return " ".join(w).capitalize() + "."


def body(target=400):
    paras, total = [], 0
    while total < target:
        sents = [sentence(rng.randint(8, 22)) for _ in range(rng.randint(3, 6))]
        total += sum(len(s.split()) for s in sents)
        paras.append(" ".join(sents))
    return "\n\n".join(paras)


def date():
    r = rng.random()
    if r < 0.05:
        return None
    y, m, d = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    if r < 0.5:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}T{rng.randint(0,23):02d}:{rng.randint(0,59):02d}:{rng.randint(0,59):02d}Z"


n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
out = sys.stdout
for i in range(n):
    out.write(json.dumps({
        "id": f"syn-{i:07d}",
        "url": f"https://synthetic.example/{i}",
        "title": sentence(rng.randint(5, 11))[:-1],
        "body": body(rng.randint(300, 500)),
        "author": rng.sample(AUTHORS, rng.choice([0, 1, 1, 1, 2])),
        "date": date(),
        "source": rng.choice(SOURCES),
        "category": rng.sample(CATEGORIES, rng.choice([1, 1, 2, 3])),
        "language": "en",
    }, ensure_ascii=False) + "\n")
