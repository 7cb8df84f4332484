#!/usr/bin/env python3
"""Compute RFC 6962 Merkle tree test vectors with a naive implementation and write them as JSON.

    python3 packages/security/scripts/rfc6962_reference.py           # (re)write the vectors file
    python3 packages/security/scripts/rfc6962_reference.py --check   # exit 1 if the committed file is stale

Output: packages/security/test-vectors/rfc6962.json, read by the tests in packages/security/src/audit/.

The functions below transcribe the recursive definitions of RFC 6962 section 2.1
(https://www.rfc-editor.org/rfc/rfc6962#section-2.1): MTH, PATH (2.1.1) and PROOF/SUBPROOF (2.1.2). They
slice lists at every level and are deliberately slow and literal: they are the independent reference the
iterative TypeScript implementation is checked against, so they share no code or structure with it.

The tree is the reference tree of 8 leaves used by the certificate-transparency test suites. Before
writing, the script asserts that its own results equal the values published with that tree in
transparency-dev/merkle (testonly/constants.go: leaf inputs, roots for sizes 0..8; proof/verify_test.go:
four inclusion and four consistency proofs). Those published values are copied below as data.

--check compares parsed JSON, not bytes, so Prettier may format the committed file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "test-vectors" / "rfc6962.json"

LEAF_INPUTS_HEX = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
]

# Published roots, indexed by tree size 0..8 (transparency-dev/merkle testonly/constants.go RootHashes).
PUBLISHED_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]

# Published inclusion proofs (transparency-dev/merkle proof/verify_test.go inclusionProofs). That file
# numbers leaves from 1; the indexes here are 0-based, as in RFC 6962.
PUBLISHED_INCLUSION = [
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]

# Published consistency proofs (transparency-dev/merkle proof/verify_test.go consistencyProofs).
PUBLISHED_CONSISTENCY = [
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
]


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def largest_power_of_two_below(n: int) -> int:
    """k in RFC 6962 2.1: the largest power of two smaller than n (n > 1)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(data: list[bytes]) -> bytes:
    """MTH(D[n]), RFC 6962 2.1, on leaf inputs (not leaf hashes)."""
    n = len(data)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return sha256(b"\x00" + data[0])
    k = largest_power_of_two_below(n)
    return sha256(b"\x01" + mth(data[:k]) + mth(data[k:]))


def path(m: int, data: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]), RFC 6962 2.1.1: the audit path for leaf m, leaf side first."""
    n = len(data)
    if n == 1:
        return []
    k = largest_power_of_two_below(n)
    if m < k:
        return path(m, data[:k]) + [mth(data[k:])]
    return path(m - k, data[k:]) + [mth(data[:k])]


def subproof(m: int, data: list[bytes], b: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b), RFC 6962 2.1.2."""
    n = len(data)
    if m == n:
        return [] if b else [mth(data)]
    k = largest_power_of_two_below(n)
    if m <= k:
        return subproof(m, data[:k], b) + [mth(data[k:])]
    return subproof(m - k, data[k:], False) + [mth(data[:k])]


def proof(m: int, data: list[bytes]) -> list[bytes]:
    """PROOF(m, D[n]), RFC 6962 2.1.2, for 0 < m <= n."""
    return subproof(m, data, True)


def build_vectors() -> dict:
    leaves = [bytes.fromhex(h) for h in LEAF_INPUTS_HEX]
    size = len(leaves)
    roots = [mth(leaves[:n]).hex() for n in range(size + 1)]
    inclusion = [
        {"leafIndex": m, "treeSize": n, "proof": [h.hex() for h in path(m, leaves[:n])]}
        for n in range(1, size + 1)
        for m in range(n)
    ]
    consistency = [
        {"oldSize": m, "newSize": n, "proof": [h.hex() for h in proof(m, leaves[:n])]}
        for n in range(1, size + 1)
        for m in range(1, n + 1)
    ]

    if roots != PUBLISHED_ROOTS:
        raise SystemExit("computed roots differ from the published roots")
    for m, n, published in PUBLISHED_INCLUSION:
        if [h.hex() for h in path(m, leaves[:n])] != published:
            raise SystemExit(f"inclusion proof ({m}, {n}) differs from the published proof")
    for m, n, published in PUBLISHED_CONSISTENCY:
        if [h.hex() for h in proof(m, leaves[:n])] != published:
            raise SystemExit(f"consistency proof ({m}, {n}) differs from the published proof")

    return {
        "description": (
            "RFC 6962 reference tree of 8 leaves. Computed by packages/security/scripts/rfc6962_reference.py "
            "with the recursive definitions of RFC 6962 section 2.1; roots and the 'published' proofs are "
            "asserted equal to transparency-dev/merkle (testonly/constants.go, proof/verify_test.go)."
        ),
        "leafInputsHex": LEAF_INPUTS_HEX,
        "leafHashes": [sha256(b"\x00" + leaf).hex() for leaf in leaves],
        "rootsBySize": roots,
        "inclusion": inclusion,
        "consistency": consistency,
        "published": {
            "inclusion": [
                {"leafIndex": m, "treeSize": n, "proof": p} for m, n, p in PUBLISHED_INCLUSION
            ],
            "consistency": [
                {"oldSize": m, "newSize": n, "proof": p} for m, n, p in PUBLISHED_CONSISTENCY
            ],
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed vectors are stale")
    args = parser.parse_args()
    vectors = build_vectors()
    if args.check:
        committed = json.loads(OUTPUT.read_text(encoding="utf-8"))
        if committed != vectors:
            print(f"{OUTPUT} is stale: run this script without --check", file=sys.stderr)
            return 1
        print(f"{OUTPUT} is up to date")
        return 0
    OUTPUT.write_text(json.dumps(vectors, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
