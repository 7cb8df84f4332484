#!/usr/bin/env python3
"""Fit the Carapace SME cyber rate plan from the shared data pack and write it as JSON.

    python3 scripts/calibration/fit_rate_plan.py            # fit and (re)write the rate-plan file
    python3 scripts/calibration/fit_rate_plan.py --check    # exit 1 if the committed file is stale

Inputs (read only):
  <data>/vcdb/vcdb_incidents.jsonl      VERIS Community Database, CC BY-SA 4.0
  <data>/hhs_ocr/hhs_ocr_breaches.jsonl HHS OCR breach portal, US public domain
where <data> is --data-dir, else $CARAPACE_SHARED_DATA, else ../shared/data next to the repository.

Output: catalogue/rate-plans/cyber-sme-rates/2026.11.json (schema: RatePlanFileSchema in
packages/domain/src/underwriting/rate-plan.ts). Every number in that file is produced here: `fitted`
numbers are computed from the data below, `published` and `judgement` numbers come from the single table
in the section "JUDGEMENT AND PUBLISHED PARAMETERS". The output is deterministic (no random numbers,
rounded values, fixed key order), so running the script twice gives identical bytes.

The method, every figure and its diagnostics are documented in docs/underwriting-calibration.md; the
plausibility table this script prints is reproduced there.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy import optimize, stats

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "catalogue" / "rate-plans" / "cyber-sme-rates" / "2026.11.json"
SCRIPT_PATH = "scripts/calibration/fit_rate_plan.py"
INDUSTRY_TS = REPO / "packages" / "domain" / "src" / "underwriting" / "industry.ts"
CONTROLS_TS = REPO / "packages" / "domain" / "src" / "underwriting" / "security-controls.ts"

# The date every parameter in this file was set. Bump it (and the plan version) when refitting.
AS_OF = "2026-11-22"

# =====================================================================================================
# JUDGEMENT AND PUBLISHED PARAMETERS
# Everything below that is not computed from the data. Each entry says why. `published` entries cite a
# source that was checked; `judgement` entries are underwriting assumptions to be replaced by claims data.
# =====================================================================================================

ROMANOSKY_2016 = (
    "Romanosky, S. (2016), 'Examining the costs and causes of cyber incidents', Journal of Cybersecurity 2(2), "
    "doi:10.1093/cybsec/tyw001: the cost of a typical cyber incident is less than USD 200,000 and about 0.4% "
    "of the firm's estimated annual revenue"
)

REFERENCE = {
    # The company the base rates and medians describe: a Chinese SME of about 100 employees.
    "annualRevenue": 50_000_000,  # CNY; judgement (the brief's reference company)
    "weightedRecordsHeld": 20_000,  # judgement: customer + employee records of a 100-person B2B/B2C firm
}

RECORD_WEIGHTS = {
    # Sensitive personal information (PIPL art. 28: health, financial accounts, biometrics, minors, ...)
    # costs more per record than plain contact data; payment card data sits between.
    "personal": (1.0, "judgement", "Reference class: one plain personal record (name, phone, address) counts 1."),
    "sensitive": (
        2.0,
        "judgement",
        "A PIPL 'sensitive personal information' record (health, financial account, ID number, biometrics) counts "
        "as 2 plain records: stricter consent/notification duties and higher damages; order of magnitude chosen so "
        "that, with the fitted records elasticity, a sensitive-data breach costs about 25% more.",
    ),
    "payment": (
        1.5,
        "judgement",
        "A payment-card or bank-account record counts 1.5: card re-issue and fraud-monitoring costs on top of "
        "notification.",
    ),
}

# Total frequency of claim-worthy incidents (all perils) for the reference company in an average industry with
# no control credited. No exposure-based rate exists in the data pack (VCDB and HHS count incidents, not
# incidents per insured firm), so this level is an underwriting judgement.
TOTAL_ANNUAL_RATE = (
    0.07,
    "Judgement: 7% a year chance-level of a claim-worthy cyber incident for a 100-employee, CNY 50M-revenue "
    "firm with no controls credited, chosen so that a firm with good, evidenced controls lands near 2%. The data "
    "pack has no exposure denominator (firm counts), so no absolute rate can be fitted.",
)

# VCDB is built from public disclosures, so incidents that expose no personal data (and need no notification)
# are under-represented relative to insurance claims. These multipliers tilt the fitted peril mix before it is
# renormalised to TOTAL_ANNUAL_RATE.
DISCLOSURE_BIAS_ADJUSTMENT = {
    "ransomware": (
        1.5,
        "ransomware without data theft is often not disclosed publicly, so VCDB under-counts it relative to claims",
    ),
    "social_engineering": (
        2.0,
        "phishing/pretexting that leads to fraud or mailbox compromise without a notifiable breach rarely "
        "reaches the news",
    ),
    "denial_of_service": (1.0, "no adjustment"),
    "hacking_data_breach": (1.0, "no adjustment"),
    "insider_misuse": (1.0, "no adjustment"),
    "error_disclosure": (1.0, "no adjustment"),
    "lost_stolen_device": (1.0, "no adjustment"),
}

# Frequency grows with revenue less than proportionally (more systems and staff, but better security).
BASE_REVENUE_ELASTICITY = 0.5
# Typical revenue ratio between a VCDB 'Large' (>1,000 staff) and 'Small' (<=1,000 staff) victim, used to turn
# the fitted Large/Small peril-mix ratio into a per-peril tilt of the elasticity.
LARGE_TO_SMALL_REVENUE_RATIO = 30.0

# Data-breach money severity. The median total cost of one breach for the reference company is anchored on
# Romanosky (2016): a typical incident costs about 0.4% of annual revenue. Being a ratio to the firm's own
# revenue, it carries the firm's price level with it, so no USD->CNY or cost-level conversion is applied.
TYPICAL_INCIDENT_COST_TO_REVENUE = 0.004
# How the mean cost of one breach splits across the sections it touches (shares of the expected cost per
# breach, before the occurrence probability below). Judgement, informed by the frequency of VCDB impact_loss
# varieties (response and recovery vs legal and regulatory).
BREACH_SECTION_SHARES = {
    "incident_response": 0.5,
    "privacy_liability": 0.25,
    "regulatory": 0.25,
}
BREACH_SPLIT_REASON = (
    "judgement: forensics, legal advice, notification and call centre carry about half of a small breach's "
    "expected cost; civil claims (PIPL art. 69) and regulatory proceedings (PIPL art. 66) are each rarer but can be "
    "large, and carry a quarter each"
)
# Chance that one breach leads to a loss in the section at all (occurrenceProbability; incident response is
# always incurred). The section median is the mean share divided by it, so the expected cost per breach is
# unchanged and only breaches that do lead to a claim or proceeding produce a loss.
ROMANOSKY_2014 = (
    "Romanosky, S., Hoffman, D. A. and Acquisti, A. (2014), 'Empirical analysis of data breach litigation', "
    "Journal of Empirical Legal Studies 11(1), 74-104: about 4% of publicly reported US data breaches were litigated "
    "in federal court (1998-2011)"
)
BREACH_SECTION_PROBABILITY = {
    "privacy_liability": (
        0.15,
        "judgement, informed by " + ROMANOSKY_2014 + ". Raised to 15% because the section also answers claims "
        "that never reach court: demands from business customers whose data the insured processed, individual "
        "PIPL art. 69 claims and procuratorate public-interest suits (PIPL art. 70); no Chinese rate is published",
    ),
    "regulatory": (
        0.2,
        "judgement: PIPL art. 57 makes a breach notifiable to the authority, and a notified breach at an SME "
        "leads to a proceeding (inquiry, rectification order, fine, with defence costs) in about one case in five "
        "in our judgement; a fine alone is rarer: {hhs_fines}",
    ),
}
# Single-firm severity spread for the breach sections: see fit() and docs section 4.2. The cross-firm spread
# (2.15) contains size differences that the model already prices through records and revenue scaling.
USE_SINGLE_FIRM_SIGMA = True
# Regulatory fines scale with revenue (PIPL art. 66 caps serious-case fines at 5% of prior-year revenue).
REGULATORY_REVENUE_ELASTICITY = 0.5

# Perils that are not data breaches: severities by judgement (no usable amounts in the pack).
RANSOMWARE = {
    "extortion": (
        440_000,
        1.2,
        0.6,
        "judgement: median ransom paid by a CNY 50M-revenue firm that pays, about 0.9% of revenue (demands of the "
        "order CNY 300-500k, negotiated down, plus negotiation and payment costs); set to 150,000 / 0.34 so the "
        "expected cost per ransomware incident is unchanged from the earlier mean-matched median of 150,000; "
        "payments scale with revenue (attackers price on it)",
        "judgement: among firms of one size that pay, the 90th-percentile payment is about 20 times the 10th "
        "(negotiation outcome, attacker group, data-theft leverage)",
    ),
    "incident_response": (
        80_000,
        1.0,
        0.4,
        "judgement: forensics, negotiation and recovery consultants for a 100-person network",
    ),
    "data_restoration": (
        60_000,
        1.0,
        0.4,
        "judgement: rebuilding servers and re-entering data; grows with the IT estate, i.e. sub-linearly with revenue",
    ),
}
RANSOM_PAYMENT_PROBABILITY = (
    0.34,
    "published: Coveware, quarterly ransomware report for Q2 2023: 34% of ransomware attacks it handled ended "
    "with the victim paying (45% in Q1 2023, 85% in Q1 2019); as reported by TechTarget, 'Coveware: rate of "
    "victims paying ransom continues to plummet' (2023), https://www.techtarget.com/searchsecurity/news/366545539/"
    "Coveware-Rate-of-victims-paying-ransom-continues-to-plummet. Coveware's clients are mostly larger Western firms; "
    "applied unchanged to Chinese SMEs (an assumption)",
)
RANSOMWARE_BI = {
    "outageHoursMedian": (
        96.0,
        "judgement: a small firm without tested offline backups is typically down for several days (mean of this "
        "lognormal 6.6 days; Coveware reported average downtimes of 7.3 and 9.6 days in Q1 and Q2 2019)",
    ),
    "outageHoursSigma": (1.0, "judgement: 90% of outages between about 20 hours and 20 days"),
    "hourlyLossToHourlyRevenue": (
        0.5,
        "judgement: lost gross profit plus extra expense, net of work that continues on paper or is caught up",
    ),
}
DOS = {
    "incident_response": (20_000, 0.8, 0.3, "judgement: mitigation service and consultant time"),
}
DOS_BI = {
    "outageHoursMedian": (8.0, "judgement: most volumetric attacks on SMEs last hours, not days"),
    "outageHoursSigma": (1.0, "judgement: 90% between about 1.5 and 40 hours"),
    "hourlyLossToHourlyRevenue": (
        0.3,
        "judgement: only the online part of the business stops during a DoS",
    ),
}
SOCIAL_IR = (
    40_000,
    1.0,
    0.3,
    "judgement: mailbox forensics and clean-up after a phishing/BEC compromise (no funds-transfer section exists)",
)

# Control effects: (perils, on, factor, reason[, sections]). factor < 1 lowers the risk. `sections` limits the
# effect to those coverage sections (all sections of the perils when left out). All judgement: the literature has
# no controlled estimates we are confident of; magnitudes follow the insurer-questionnaire consensus that MFA,
# EDR, offline backups and patching matter most.
ALL_BREACH = ["hacking_data_breach", "social_engineering", "error_disclosure", "insider_misuse", "lost_stolen_device"]
RECOVERY_SECTIONS = ["extortion", "business_interruption", "data_restoration"]
ALL_PERILS = ["ransomware", "hacking_data_breach", "social_engineering", "error_disclosure", "insider_misuse",
              "lost_stolen_device", "denial_of_service"]
CONTROLS = {
    "mfa_remote_access": [
        (["ransomware"], "frequency", 0.6, "stolen or guessed VPN/RDP credentials are a leading ransomware entry point"),
        (["hacking_data_breach"], "frequency", 0.75, "blocks use of stolen credentials on remote access"),
    ],
    "mfa_email": [
        (["social_engineering"], "frequency", 0.6, "a phished password alone no longer opens the mailbox"),
        (["hacking_data_breach"], "frequency", 0.9, "cloud mailbox takeover is one route to data theft"),
    ],
    "mfa_privileged": [
        (["ransomware"], "frequency", 0.8, "hinders escalation to domain administrator, needed for mass encryption"),
        (["hacking_data_breach"], "frequency", 0.9, "hinders escalation to bulk data access"),
    ],
    "endpoint_detection_response": [
        (["ransomware"], "frequency", 0.65, "stops most commodity ransomware before encryption"),
        (["hacking_data_breach"], "frequency", 0.85, "detects malware used for data theft"),
    ],
    "offline_backups": [
        (["ransomware"], "severity", 0.55,
         "restore instead of pay: lower ransom, restoration and outage; forensics and response are still needed, "
         "so incident response is not reduced", RECOVERY_SECTIONS),
    ],
    "backup_restore_tested": [
        (["ransomware"], "severity", 0.85,
         "backups that are known to restore shorten outages and restoration further and make paying less likely; "
         "no effect on incident response", RECOVERY_SECTIONS),
    ],
    "critical_patching_14_days": [
        (["ransomware", "hacking_data_breach"], "frequency", 0.8, "closes exploited vulnerabilities sooner"),
    ],
    "end_of_life_software_removed": [
        (["ransomware", "hacking_data_breach"], "frequency", 0.9, "no unpatchable systems left to exploit"),
    ],
    "email_filtering": [
        (["social_engineering"], "frequency", 0.8, "fewer phishing mails reach staff"),
        (["ransomware"], "frequency", 0.9, "fewer malicious attachments and links reach staff"),
    ],
    "incident_response_plan_tested": [
        (ALL_PERILS, "severity", 0.85, "faster containment and cheaper, better-organised response"),
    ],
    "security_awareness_training": [
        (["social_engineering"], "frequency", 0.75, "staff report rather than act on phishing"),
        (["error_disclosure"], "frequency", 0.9, "fewer misdirected mails and careless publications"),
        (["ransomware"], "frequency", 0.9, "fewer clicks on initial-access lures"),
    ],
    "privileged_access_management": [
        (["insider_misuse"], "frequency", 0.8, "least privilege limits what an insider can take"),
        (["ransomware", "hacking_data_breach"], "severity", 0.9, "limits lateral movement and blast radius"),
    ],
    "network_segmentation": [
        (["ransomware"], "severity", 0.8, "encryption stays within one segment"),
        (["hacking_data_breach"], "severity", 0.9, "less data reachable from the first foothold"),
    ],
    "encryption_at_rest": [
        (["lost_stolen_device"], "frequency", 0.4,
         "a lost encrypted laptop or disk is not a notifiable breach (paper losses are unaffected)"),
    ],
    "security_monitoring": [
        (["hacking_data_breach", "insider_misuse"], "severity", 0.8, "earlier detection, fewer records taken"),
        (["ransomware"], "severity", 0.9, "intrusions caught before or early in encryption"),
    ],
    "vendor_risk_management": [
        (["hacking_data_breach", "error_disclosure"], "frequency", 0.9,
         "fewer breaches through suppliers' access or suppliers' mistakes"),
    ],
    "asset_inventory": [
        (["ransomware", "hacking_data_breach"], "frequency", 0.9,
         "unknown, unpatched systems are found and fixed; the SBOM lets vulnerabilities be matched"),
    ],
    "payment_change_verification": [
        (["social_engineering"], "frequency", 0.8,
         "call-back on bank-detail changes turns BEC attempts into non-events; the full benefit falls on "
         "funds-transfer fraud, which this plan has no section for"),
    ],
    "data_minimisation": [
        (ALL_BREACH, "severity", 0.85, "stale records that are deleted cannot be breached"),
    ],
    "web_application_firewall": [
        (["hacking_data_breach"], "frequency", 0.85, "blocks injection and common web exploits"),
        (["denial_of_service"], "frequency", 0.7, "WAF services usually include layer-7 DoS protection"),
    ],
}

UNEVIDENCED_CREDIT = (
    0.5,
    "judgement: an attestation without evidence is often wrong or partial; half the effect is credited",
)
UPLIFTS = {
    "priorClaims": (ALL_PERILS, 1.5, 3.0,
                    "judgement: a firm with a cyber claim in the past years is more likely to have another"),
    "openCriticalFindings": (["ransomware", "hacking_data_breach", "denial_of_service"], 1.1, 2.0,
                             "judgement: each open critical vulnerability is a possible entry point"),
    "openKnownExploitedFindings": (["ransomware", "hacking_data_breach"], 1.35, 3.0,
                                   "judgement: CISA KEV vulnerabilities are exploited in the wild right now"),
}
REGION_SEVERITY_SECTIONS = ["privacy_liability", "regulatory"]
REGION_SEVERITY = {
    "CN": (1.0, "reference: PIPL regime; plan amounts are calibrated to it"),
    "HK": (1.3, "judgement: PDPO; higher legal and notification costs than the mainland"),
    "MO": (1.1, "judgement: Macao PDPA, similar to the mainland"),
    "TW": (1.3, "judgement: PDPA with class actions possible"),
    "SG": (1.8, "judgement: PDPA fines up to 10% of Singapore turnover, high legal costs"),
    "JP": (1.5, "judgement: APPI, moderate regulatory exposure, high legal costs"),
    "KR": (1.5, "judgement: PIPA, fines up to 3% of revenue"),
    "GB": (2.5, "judgement: UK GDPR fines and the UK claims culture"),
    "DE": (2.5, "judgement: GDPR fines and damages claims (Art. 82)"),
    "FR": (2.5, "judgement: GDPR, active CNIL enforcement"),
    "NL": (2.5, "judgement: GDPR, collective actions (WAMCA)"),
    "IE": (2.5, "judgement: GDPR, DPC enforcement"),
    "US": (4.0, "judgement: state breach laws, class actions and high legal costs"),
}
SCORE = {"base": 65, "pointsPerDoubling": 15}

# Peril definitions (names and the VERIS classification below).
PERIL_NAMES = {
    "ransomware": ("勒索软件", "Ransomware"),
    "hacking_data_breach": ("黑客入侵导致的数据泄露", "Hacking and malware data breach"),
    "social_engineering": ("社会工程（网络钓鱼、冒充、商务邮件诈骗）", "Social engineering (phishing, pretexting, BEC)"),
    "error_disclosure": ("误发、误公开与配置错误", "Error: misdelivery, publishing and misconfiguration"),
    "insider_misuse": ("内部人员滥用", "Insider misuse"),
    "lost_stolen_device": ("设备或介质丢失、被盗", "Lost or stolen devices and media"),
    "denial_of_service": ("拒绝服务攻击", "Denial of service"),
}
BREACH_PERILS = ["hacking_data_breach", "social_engineering", "error_disclosure", "insider_misuse",
                 "lost_stolen_device"]

# =====================================================================================================
# DATA
# =====================================================================================================

DATASETS = [
    {
        "name": "VERIS Community Database (VCDB)",
        "origin": "corzinen/VCDB @ ee9ddcec8b4961af1537f5d25732020becdb0044 (fork synced to vz-risk/VCDB "
                  "2023-11-13), compacted in ../shared/data/vcdb/vcdb_incidents.jsonl",
        "licence": "CC-BY-SA-4.0",
        "attribution": "VERIS Community Database, Verizon RISK Team and VCDB contributors, "
                       "https://github.com/vz-risk/VCDB, CC BY-SA 4.0",
    },
    {
        "name": "HHS OCR breach portal (US healthcare breaches affecting 500 or more individuals)",
        "origin": "soudunno/Proactive-Data-Breach-Management-in-Healthcare-with-NLP @ b20fef20 and "
                  "cjtorgerson/Healthcare-Reported-Breach-Statistics-2023-Dec-08-2024 @ 7e7cec99, merged in "
                  "../shared/data/hhs_ocr/hhs_ocr_breaches.jsonl",
        "licence": "US federal government data, public domain",
        "attribution": "U.S. Department of Health and Human Services, Office for Civil Rights, Breach Portal",
    },
]

RANDOM_SAMPLE_NOTE = "VCDB random sample (sub_source null; phidbr, priority and covid19 rows dropped)"
RECENT_FROM_YEAR = 2017
RECORDS_FLOOR = 10  # VCDB data_total below this is dominated by placeholder counts ("1 record")
REFERENCE_BANDS = ("11 to 100", "101 to 1000")  # VERIS employee bands around the 100-employee reference
HHS_TRUNCATION = 500
MIN_BAND_RESIDUALS = 3  # numeric employee bands with fewer cost-on-records residuals are left out of the within-band sigma
HHS_MONETARY_PATTERN = re.compile(
    r"resolution agreement|civil money penalt|monetary settlement|settlement amount|paid \$|pay \$", re.I)
# Per-peril median records are shrunk toward the all-breach median: ratio^(n/(n+k)) (judgement k).
PERIL_RECORDS_CREDIBILITY_K = 30


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def classify(incident: dict) -> str:
    """One peril per VCDB incident, first match wins (the order encodes which peril 'owns' a mixed incident)."""
    varieties = incident.get("action_variety") or {}
    actions = set(incident.get("action") or [])
    if "Ransomware" in varieties.get("malware", []):
        return "ransomware"
    if "DoS" in varieties.get("hacking", []) or "DoS" in varieties.get("malware", []):
        return "denial_of_service"
    if "social" in actions:
        return "social_engineering"
    if actions & {"hacking", "malware"}:
        return "hacking_data_breach"
    if "misuse" in actions:
        return "insider_misuse"
    if "Theft" in varieties.get("physical", []) or "Loss" in varieties.get("error", []):
        return "lost_stolen_device"
    if "error" in actions:
        return "error_disclosure"
    return "other"  # skimmers, tampering, environmental, unknown: not covered perils


def read_ts_industries() -> dict[str, list[str]]:
    text = INDUSTRY_TS.read_text(encoding="utf-8")
    found = re.findall(r"\n  ([A-Z]): \{.*?naics: \[([^\]]*)\]", text, flags=re.S)
    sections = {code: re.findall(r"'(\d\d)'", naics) for code, naics in found}
    if len(sections) < 20:
        sys.exit(f"could not read the GB/T sections from {INDUSTRY_TS}")
    return sections


def read_ts_controls() -> list[str]:
    text = CONTROLS_TS.read_text(encoding="utf-8")
    body = text.split("SECURITY_CONTROLS = {", 1)[1].split("} as const", 1)[0]
    return re.findall(r"\n  ([a-z_0-9]+): \{", body)


# =====================================================================================================
# FITTING
# =====================================================================================================


def sig(x: float, digits: int = 3) -> float | int:
    """Round to significant digits; integral values become ints so the JSON stays tidy."""
    if x == 0:
        return 0
    rounded = float(f"{x:.{digits}g}")
    return int(rounded) if rounded.is_integer() and abs(rounded) >= 1 else rounded


def fmt_int(n: int) -> str:
    return f"{n:,}"


def truncated_lognormal_mle(values: np.ndarray, floor: float) -> tuple[float, float]:
    """MLE of (mu, sigma) of a lognormal observed only above `floor` (left truncation)."""
    logs = np.log(values)
    log_floor = math.log(floor)

    def nll(params: np.ndarray) -> float:
        mu, log_sigma = params
        sigma = math.exp(log_sigma)
        return -(stats.norm.logpdf(logs, mu, sigma).sum() - len(logs) * stats.norm.logsf(log_floor, mu, sigma))

    start = np.array([float(np.median(logs)), math.log(float(np.std(logs)))])
    result = optimize.minimize(nll, start, method="Nelder-Mead",
                               options={"xatol": 1e-9, "fatol": 1e-9, "maxiter": 20000})
    return float(result.x[0]), math.exp(float(result.x[1]))


def truncated_ks(values: np.ndarray, floor: float, mu: float, sigma: float) -> float:
    lf = stats.norm.cdf(math.log(floor), mu, sigma)

    def cdf(v):
        return (stats.norm.cdf(np.log(v), mu, sigma) - lf) / (1 - lf)

    return float(stats.kstest(values, cdf).statistic)


def robust_log_sigma(logs: np.ndarray) -> float:
    q25, q75 = np.percentile(logs, [25, 75])
    return float((q75 - q25) / (2 * stats.norm.ppf(0.75)))


PERIODS = ((0, 2012, "-2012"), (2013, 2015, "2013-15"), (2016, 2018, "2016-18"), (2019, 9999, "2019-"))


def period_of(year: int | None) -> str:
    for low, high, label in PERIODS:
        if year is not None and low <= year <= high:
            return label
    return "unknown"


def poisson_credibility_k(groups: dict[str, tuple[float, float]]) -> float:
    """Buhlmann-Straub k for observed/expected ratios with Poisson counts: group -> (observed, expected).

    The within-group variance of a ratio with exposure E is 1/E (per unit of E: 1); the variance of the true
    ratios is a = [sum E_i (R_i - 1)^2 - (r - 1)] / (E - sum E_i^2 / E); k = 1 / a (infinite when a <= 0)."""
    items = [(o, e) for o, e in groups.values() if e > 0]
    total = sum(e for _, e in items)
    between = sum(e * (o / e - 1) ** 2 for o, e in items)
    a = (between - (len(items) - 1)) / (total - sum(e * e for _, e in items) / total)
    return 1 / a if a > 0 else math.inf


def buhlmann_straub(counts: dict[str, tuple[int, int]]) -> tuple[float, float]:
    """Credibility constant k for a binomial share across groups: returns (overall share, k).

    counts: group -> (hits, n). Within-group variance per incident s2 = p(1-p); variance of the group means
    a = [sum n_i (p_i - p)^2 - (r - 1) s2] / (n - sum n_i^2 / n). k = s2 / a (infinite when a <= 0)."""
    hits = sum(h for h, _ in counts.values())
    total = sum(n for _, n in counts.values())
    p = hits / total
    s2 = p * (1 - p)
    groups = [(h / n, n) for h, n in counts.values() if n > 0]
    r = len(groups)
    between = sum(n * (pi - p) ** 2 for pi, n in groups)
    denominator = total - sum(n * n for _, n in groups) / total
    a = (between - (r - 1) * s2) / denominator
    return p, (s2 / a if a > 0 else math.inf)


def fit(vcdb: list[dict], hhs: list[dict]) -> tuple[dict, dict]:
    """Returns (fitted parameters with their source strings, diagnostics for the report)."""
    random_sample = [r for r in vcdb if r.get("sub_source") is None]
    for r in random_sample:
        r["_peril"] = classify(r)
    diag: dict = {"n_vcdb": len(vcdb), "n_random": len(random_sample)}
    fitted: dict = {}

    # ---- base peril mix: small organisations, recent years --------------------------------------------
    recent_small = [r for r in random_sample
                    if r.get("orgsize") == "Small" and (r.get("year") or 0) >= RECENT_FROM_YEAR
                    and r["_peril"] != "other"]
    mix = Counter(r["_peril"] for r in recent_small)
    n_mix = len(recent_small)
    # Add 0.5 to every count (Jeffreys-style) so that no peril gets a zero share.
    raw_share = {p: (mix[p] + 0.5) / (n_mix + 0.5 * len(ALL_PERILS)) for p in ALL_PERILS}
    tilted = {p: raw_share[p] * DISCLOSURE_BIAS_ADJUSTMENT[p][0] for p in ALL_PERILS}
    total_tilted = sum(tilted.values())
    fitted["share"] = {p: tilted[p] / total_tilted for p in ALL_PERILS}
    diag["mix"] = {p: (mix[p], raw_share[p]) for p in ALL_PERILS}
    diag["n_mix"] = n_mix

    # ---- size tilt: Large vs Small mix, all years ---------------------------------------------------------
    by_size = {size: Counter(r["_peril"] for r in random_sample if r.get("orgsize") == size and r["_peril"] != "other")
               for size in ("Small", "Large")}
    n_size = {size: sum(c.values()) for size, c in by_size.items()}
    fitted["size_ratio"] = {}
    for p in ALL_PERILS:
        small = (by_size["Small"][p] + 0.5) / (n_size["Small"] + 0.5 * len(ALL_PERILS))
        large = (by_size["Large"][p] + 0.5) / (n_size["Large"] + 0.5 * len(ALL_PERILS))
        fitted["size_ratio"][p] = (large / small, by_size["Small"][p], by_size["Large"][p])
    diag["n_size"] = n_size

    # ---- industry factors: relative mix by NAICS sector, standardised for incident year ---------------
    # VCDB's sector coverage shifts over time (healthcare lost-laptop letters early, ransomware late), so a
    # raw sector share confounds industry with period. Indirect standardisation: the expected count of a
    # sector is the sum over its incidents of the peril's overall share in that incident's period; the factor
    # is observed / expected, shrunk toward 1 with Buhlmann-Straub credibility for a Poisson ratio.
    sections = read_ts_industries()
    sector_rows = [r for r in random_sample if r.get("naics2") and r["naics2"] != "00"]
    for r in sector_rows:
        r["_period"] = period_of(r.get("year"))
    period_n = Counter(r["_period"] for r in sector_rows)
    fitted["industry"] = {}
    diag["industry_k"] = {}
    for p in ALL_PERILS:
        period_hits = Counter(r["_period"] for r in sector_rows if r["_peril"] == p)
        period_share = {q: period_hits[q] / n for q, n in period_n.items()}
        observed: Counter = Counter()
        expected: Counter = Counter()
        for r in sector_rows:
            observed[r["naics2"]] += r["_peril"] == p
            expected[r["naics2"]] += period_share[r["_period"]]
        k = poisson_credibility_k({s: (observed[s], expected[s]) for s in expected})
        diag["industry_k"][p] = (sum(period_hits.values()) / len(sector_rows), k)
        factors = {}
        for code, naics in sections.items():
            o = sum(observed[s] for s in naics)
            e = sum(expected[s] for s in naics)
            n = sum(1 for r in sector_rows if r["naics2"] in naics)
            z = e / (e + k) if e > 0 and math.isfinite(k) else 0.0
            factor = z * (o / e if e > 0 else 1.0) + (1 - z)
            factors[code] = (factor, o, e, n, z, naics)
        fitted["industry"][p] = factors
    diag["n_sector"] = len(sector_rows)
    diag["periods"] = dict(sorted(period_n.items()))

    # ---- records affected: VCDB small firms near the reference size ------------------------------------
    with_records = [r for r in random_sample if r.get("data_total") and r["data_total"] >= RECORDS_FLOOR]
    band_logs: dict[str, list[float]] = defaultdict(list)
    for r in with_records:
        band_logs[r.get("employee_count") or "Unknown"].append(math.log(r["data_total"]))
    numeric_bands = [b for b in band_logs if b[0].isdigit() or b.startswith("Over")]
    centred = np.concatenate([np.array(band_logs[b]) - np.median(band_logs[b]) for b in sorted(numeric_bands)])
    sigma_within = robust_log_sigma(centred)
    ref_logs = np.array([x for b in REFERENCE_BANDS for x in band_logs[b]])
    median_records = float(np.exp(np.median(ref_logs)))
    fitted["records"] = {
        "median": median_records,
        "n_ref": len(ref_logs),
        "sigma_within": sigma_within,
        "n_within": len(centred),
        "sigma_ref_band": robust_log_sigma(ref_logs),
    }
    diag["records_quantiles_ref"] = np.exp(np.percentile(ref_logs, [10, 25, 50, 75, 90])).tolist()
    # Cross-sectional truncated fits (diagnostics and cross-check with HHS).
    small_values = np.array([r["data_total"] for r in with_records if r.get("orgsize") == "Small"], float)
    mu_s, sigma_s = truncated_lognormal_mle(small_values, RECORDS_FLOOR)
    diag["vcdb_small_fit"] = (len(small_values), mu_s, sigma_s,
                              truncated_ks(small_values, RECORDS_FLOOR, mu_s, sigma_s))
    # Per-peril median records relative to all breach perils (small firms, all years).
    small_breach = [r for r in with_records if r.get("orgsize") == "Small" and r["_peril"] in BREACH_PERILS]
    all_median = float(np.exp(np.median([math.log(r["data_total"]) for r in small_breach])))
    fitted["peril_records"] = {}
    for p in BREACH_PERILS:
        logs = [math.log(r["data_total"]) for r in small_breach if r["_peril"] == p]
        m = float(np.exp(np.median(logs)))
        z = len(logs) / (len(logs) + PERIL_RECORDS_CREDIBILITY_K)
        fitted["peril_records"][p] = ((m / all_median) ** z, len(logs), m)
    fitted["peril_records_all"] = (all_median, len(small_breach))

    # ---- HHS OCR individuals affected, left-truncated at 500 -------------------------------------------
    hhs_values = np.array([r["individuals_affected"] for r in hhs
                           if r.get("individuals_affected") and r["individuals_affected"] >= HHS_TRUNCATION], float)
    mu_h, sigma_h = truncated_lognormal_mle(hhs_values, HHS_TRUNCATION)
    ks_h = truncated_ks(hhs_values, HHS_TRUNCATION, mu_h, sigma_h)
    qs = [0.25, 0.5, 0.75, 0.9, 0.99]
    lf = stats.norm.cdf(math.log(HHS_TRUNCATION), mu_h, sigma_h)
    model_q = [float(np.exp(stats.norm.ppf(lf + q * (1 - lf), mu_h, sigma_h))) for q in qs]
    diag["hhs"] = (len(hhs_values), mu_h, sigma_h, ks_h, list(zip(qs, np.quantile(hhs_values, qs).tolist(), model_q)))
    # Same comparison for the VCDB small fit conditioned on >= 500 (are the two tails alike?).
    above = small_values[small_values >= HHS_TRUNCATION]
    diag["vcdb_small_above_500"] = np.quantile(above, qs).tolist()

    # ---- cost elasticity to records: VCDB incidents with both a USD amount and a records count ---------
    cost_rows = [r for r in vcdb
                 if r.get("impact_overall_amount") and r.get("data_total") and r["data_total"] >= RECORDS_FLOOR
                 and r.get("impact_currency") in ("USD", None) and 0 < r["impact_overall_amount"] < 1e10]
    pairs = [(r["data_total"], r["impact_overall_amount"]) for r in cost_rows]
    lx = np.log([a for a, _ in pairs])
    ly = np.log([b for _, b in pairs])
    theil = stats.theilslopes(ly, lx)
    slope = float(theil.slope)
    residuals = ly - (theil.intercept + slope * lx)
    residual_sigma = robust_log_sigma(residuals)
    # Single-firm residual spread: centre the residuals on each employee band's median (bands with at least
    # MIN_BAND_RESIDUALS incidents; 'Unknown', 'Small' and 'Large' dropped, as for s_rec), so that cost differences between firm sizes, which the
    # model prices through records and revenue scaling, do not widen the severity of one firm.
    band_residuals: dict[str, list[float]] = defaultdict(list)
    for r, residual in zip(cost_rows, residuals):
        band_residuals[r.get("employee_count") or "Unknown"].append(float(residual))
    kept = {b: v for b, v in band_residuals.items()
            if (b[0].isdigit() or b.startswith("Over")) and len(v) >= MIN_BAND_RESIDUALS}
    centred_res = np.concatenate([np.array(v) - np.median(v) for _, v in sorted(kept.items())])
    residual_sigma_within = robust_log_sigma(centred_res)
    fitted["cost"] = {
        "b": slope,
        "b_low": float(theil.low_slope),
        "b_high": float(theil.high_slope),
        "n": len(pairs),
        "residual_sigma": residual_sigma,
        "residual_sigma_within": residual_sigma_within,
        "n_within": len(centred_res),
        "n_bands": len(kept),
    }
    fitted["money_sigma_cross_firm"] = math.sqrt((slope * sigma_within) ** 2 + residual_sigma ** 2)
    fitted["money_sigma_single_firm"] = math.sqrt((slope * sigma_within) ** 2 + residual_sigma_within ** 2)
    fitted["money_sigma"] = (fitted["money_sigma_single_firm"] if USE_SINGLE_FIRM_SIGMA
                             else fitted["money_sigma_cross_firm"])

    # ---- HHS OCR: how often a breach description mentions a monetary regulatory outcome (cross-check) ---
    described = [r["description"] for r in hhs if r.get("description")]
    monetary = [d for d in described if HHS_MONETARY_PATTERN.search(d)]
    fitted["hhs_monetary"] = (len(monetary), len(described))
    small_amounts = [r["impact_overall_amount"] for r in vcdb if r.get("impact_overall_amount")
                     and r.get("orgsize") == "Small" and r.get("impact_currency") in ("USD", None)
                     and 0 < r["impact_overall_amount"] < 1e10]
    diag["small_amounts"] = (len(small_amounts), np.percentile(small_amounts, [25, 50, 75]).tolist())
    return fitted, diag


# =====================================================================================================
# BUILD THE FILE
# =====================================================================================================


def sourced(value, basis: str, source: str) -> dict:
    return {"value": value, "basis": basis, "source": source, "asOf": AS_OF}


def build_plan(fitted: dict) -> dict:
    ref_revenue = REFERENCE["annualRevenue"]
    records = fitted["records"]
    cost = fitted["cost"]
    b = cost["b"]
    money_sigma = fitted["money_sigma"]
    breach_total_median = TYPICAL_INCIDENT_COST_TO_REVENUE * ref_revenue

    elasticity_source = (
        f"Fitted: Theil-Sen slope of ln(overall loss) on ln(records) over {cost['n']} VCDB incidents with a USD "
        f"(or unstated-currency) amount and >= {RECORDS_FLOOR} records: {b:.3f} (95% CI {cost['b_low']:.2f}-"
        f"{cost['b_high']:.2f}); a breach's records scale with records held, so cost scales with holdings^b"
    )
    eps = cost["residual_sigma_within"] if USE_SINGLE_FIRM_SIGMA else cost["residual_sigma"]
    eps_text = (
        f"robust sigma of the cost-on-records residuals after centring on each employee band's median, "
        f"{cost['n_within']} incidents in {cost['n_bands']} bands; single-firm choice: the cross-firm value "
        f"{cost['residual_sigma']:.3f} over all {cost['n']} incidents, which gives sigma "
        f"{fitted['money_sigma_cross_firm']:.3f}, includes size differences the model prices through records and "
        f"revenue scaling"
    ) if USE_SINGLE_FIRM_SIGMA else f"robust residual sigma of the cost-on-records fit, {cost['n']} incidents"
    sigma_source = (
        f"Fitted: sqrt((b*s_rec)^2 + s_eps^2) = {money_sigma:.3f} with b = {b:.3f}, s_rec = "
        f"{records['sigma_within']:.3f} (robust within-employee-band sigma of ln(records), {fmt_int(records['n_within'])} "
        f"VCDB random-sample incidents with >= {RECORDS_FLOOR} records) and s_eps = {eps:.3f} ({eps_text}); "
        f"conditional on the section being hit"
    )
    hhs_hits, hhs_described = fitted["hhs_monetary"]
    hhs_fines = (
        f"HHS OCR breach descriptions mention a resolution agreement, civil money penalty or payment in "
        f"{hhs_hits} of {fmt_int(hhs_described)} ({hhs_hits / hhs_described:.1%}) US healthcare breaches of 500+ "
        f"individuals (counted by the calibration script; a lower bound for a mature regime's fine rate)"
    )

    def breach_losses(peril: str) -> list[dict]:
        ratio, n_p, m_p = fitted["peril_records"][peril]
        all_m, n_all = fitted["peril_records_all"]
        peril_factor = ratio ** b  # ratio is already credibility-shrunk
        out = []
        for section, share in BREACH_SECTION_SHARES.items():
            probability = BREACH_SECTION_PROBABILITY.get(section)
            prob = probability[0] if probability else 1.0
            median = breach_total_median * share * peril_factor / prob
            prob_text = (f"; / occurrence probability {prob} (so the expected cost per breach stays share x total)"
                         if probability else "")
            median_source = (
                f"{ROMANOSKY_2016} (published ratio), x reference revenue CNY {fmt_int(ref_revenue)} = total median "
                f"CNY {fmt_int(round(breach_total_median))}; x section share of the expected cost {share} "
                f"({BREACH_SPLIT_REASON}){prob_text}; x peril factor (median records {m_p:,.0f} for this peril, "
                f"n={n_p}, vs {all_m:,.0f} for all breach perils, n={n_all}, VCDB small firms; ratio shrunk as "
                f"ratio^(n/(n+{PERIL_RECORDS_CREDIBILITY_K}))), to the power b: {peril_factor:.3f} (fitted)"
            )
            if section == "regulatory":
                scale, elasticity = "revenue", sourced(
                    REGULATORY_REVENUE_ELASTICITY, "judgement",
                    "judgement: PIPL art. 66 fines are set with reference to revenue (up to 5% for serious cases); "
                    "sub-linear because most fines are far below the cap")
            else:
                scale, elasticity = "records", sourced(sig(b), "fitted", elasticity_source)
            entry: dict = {"section": section}
            if probability:
                entry["occurrenceProbability"] = sourced(
                    prob, "judgement", probability[1].format(hhs_fines=hhs_fines))
            # The published ratio sets the level; where a judged probability multiplies the median by more than
            # it, the median is mainly judgement and is marked so.
            out.append({
                **entry,
                "severity": {
                    "median": sourced(sig(median), "judgement" if probability else "published", median_source),
                    "sigma": sourced(sig(money_sigma), "fitted", sigma_source),
                    "scaleWith": scale,
                    "elasticity": elasticity,
                },
            })
        return out

    def judgement_loss(section: str, spec: tuple, probability: tuple | None = None) -> dict:
        median, sigma, elasticity, reason, *sigma_reason = spec
        sigma_source = sigma_reason[0] if sigma_reason else "judgement: spread of " + reason.split(": ", 1)[-1]
        entry: dict = {"section": section}
        if probability is not None:
            value, source = probability
            basis, _, text = source.partition(": ")
            entry["occurrenceProbability"] = sourced(value, basis, text)
        return {
            **entry,
            "severity": {
                "median": sourced(median, "judgement", reason),
                "sigma": sourced(sigma, "judgement", sigma_source),
                "scaleWith": "revenue",
                "elasticity": sourced(elasticity, "judgement",
                                      "judgement: grows sub-linearly with the size of the business"),
            },
        }

    def bi_loss(spec: dict) -> dict:
        return {
            "section": "business_interruption",
            "businessInterruption": {
                key: sourced(value, "judgement", reason) for key, (value, reason) in spec.items()
            },
        }

    losses = {
        "ransomware": [judgement_loss("extortion", RANSOMWARE["extortion"], RANSOM_PAYMENT_PROBABILITY),
                       bi_loss(RANSOMWARE_BI),
                       judgement_loss("data_restoration", RANSOMWARE["data_restoration"]),
                       judgement_loss("incident_response", RANSOMWARE["incident_response"])],
        "denial_of_service": [bi_loss(DOS_BI), judgement_loss("incident_response", DOS["incident_response"])],
    }
    for p in BREACH_PERILS:
        losses[p] = breach_losses(p)
    # Social engineering: mailbox clean-up on top of any data exposure (replaces the breach IR median).
    social = [loss for loss in losses["social_engineering"] if loss["section"] != "incident_response"]
    losses["social_engineering"] = [judgement_loss("incident_response", SOCIAL_IR)] + social

    total_rate, total_reason = TOTAL_ANNUAL_RATE
    perils = []
    for p in ALL_PERILS:
        count, raw = DIAG["mix"][p]
        adj, adj_reason = DISCLOSURE_BIAS_ADJUSTMENT[p]
        share = fitted["share"][p]
        rate_source = (
            f"{total_reason} Split by peril: share {share:.3f} = fitted VCDB mix {raw:.3f} ({count} of "
            f"{DIAG['n_mix']} {RANDOM_SAMPLE_NOTE} incidents at Small victims, {RECENT_FROM_YEAR} or later, "
            f"uncovered 'other' actions excluded) x disclosure-bias adjustment {adj} ({adj_reason}), renormalised"
        )
        ratio, n_small, n_large = fitted["size_ratio"][p]
        tilt = math.log(ratio) / math.log(LARGE_TO_SMALL_REVENUE_RATIO)
        elasticity = min(1.0, max(0.1, BASE_REVENUE_ELASTICITY + tilt))
        elasticity_source = (
            f"judgement {BASE_REVENUE_ELASTICITY} (frequency grows sub-linearly with revenue) + tilt "
            f"ln({ratio:.2f})/ln({LARGE_TO_SMALL_REVENUE_RATIO:g}) = {tilt:+.2f}, where {ratio:.2f} is the fitted "
            f"Large/Small VCDB mix ratio ({n_large} of {DIAG['n_size']['Large']} Large vs {n_small} of "
            f"{DIAG['n_size']['Small']} Small victims) and {LARGE_TO_SMALL_REVENUE_RATIO:g} a judged revenue ratio "
            f"between the two size classes; clipped to [0.1, 1]"
        )
        overall, k = DIAG["industry_k"][p]
        industry = {}
        for code, (factor, o, e, n, z, naics) in sorted(fitted["industry"][p].items()):
            k_text = "k=inf (no between-sector signal)" if not math.isfinite(k) else f"k={k:.1f}"
            industry[code] = sourced(
                sig(factor, 2), "fitted",
                f"{RANDOM_SAMPLE_NOTE}, NAICS {'+'.join(naics)}: {o} of {fmt_int(n)} incidents are this peril vs "
                f"{e:.1f} expected at the period-standardised overall share ({overall:.3f} on average); "
                f"Buhlmann-Straub Z={z:.2f} ({k_text}); relative mix, not an absolute rate")
        zh, en = PERIL_NAMES[p]
        perils.append({
            "id": p,
            "name": {"zh-CN": zh, "en": en},
            "annualRate": sourced(sig(total_rate * share, 3), "judgement", rate_source),
            "revenueElasticity": sourced(sig(elasticity, 2), "judgement", elasticity_source),
            "industryFactors": industry,
            "losses": losses[p],
        })

    controls = {}
    for control, effects in CONTROLS.items():
        controls[control] = {"effects": []}
        for ps, on, factor, reason, *sections in effects:
            effect = {"perils": list(ps)}
            if sections:
                effect["sections"] = list(sections[0])
            effect.update({"on": on, "factor": sourced(factor, "judgement", "judgement: " + reason)})
            controls[control]["effects"].append(effect)

    def uplift(name: str) -> dict:
        ps, each, cap, reason = UPLIFTS[name]
        return {"perils": list(ps), "factorEach": sourced(each, "judgement", reason), "maximumFactor": cap}

    return {
        "$schema": "../../schemas/rate-plan.schema.json",
        "id": "cyber-sme-rates",
        "version": "2026.11",
        "currency": "CNY",
        "calibration": {
            "script": SCRIPT_PATH,
            "fittedOn": AS_OF,
            "datasets": DATASETS,
            "notes": [
                "Licence: the fitted values in this file (peril mix, revenue-elasticity tilts, industry factors, "
                "records and cost elasticity, severity sigmas) are derived from the VERIS Community Database and "
                "are offered under CC BY-SA 4.0, attribution: " + DATASETS[0]["attribution"] + ". HHS OCR breach "
                "data is US federal government data in the public domain. Published and judgement values are "
                "cited or reasoned in their source.",
                "Generated by scripts/calibration/fit_rate_plan.py; do not edit by hand. Method, diagnostics and "
                "limitations: docs/underwriting-calibration.md.",
                "VCDB is a sample of publicly reported incidents, not an exposure-based sample: it gives peril mixes "
                "and severity shapes, not absolute frequencies. Base rates are therefore judgement split by a "
                "fitted mix.",
                "Where only some occurrences of a peril produce a loss in a section (a civil claim, a regulatory "
                "proceeding, a ransom payment), the loss carries occurrenceProbability and its median is the loss "
                "given that it happens: the earlier mean-matched median divided by the probability.",
                "Breach severities use a single-firm sigma (cost differences between firm sizes removed), because "
                "the model already scales them with the insured's records and revenue.",
            ],
        },
        "reference": {
            "annualRevenue": f"{REFERENCE['annualRevenue']:.2f}",
            "weightedRecordsHeld": REFERENCE["weightedRecordsHeld"],
        },
        "recordWeights": {key: sourced(v, basis, src) for key, (v, basis, src) in RECORD_WEIGHTS.items()},
        "perils": perils,
        "controls": controls,
        "unevidencedCredit": sourced(UNEVIDENCED_CREDIT[0], "judgement", UNEVIDENCED_CREDIT[1]),
        "priorClaims": uplift("priorClaims"),
        "openCriticalFindings": uplift("openCriticalFindings"),
        "openKnownExploitedFindings": uplift("openKnownExploitedFindings"),
        "regionSeverity": {
            "sections": REGION_SEVERITY_SECTIONS,
            "factors": {code: sourced(v, "judgement", reason) for code, (v, reason) in REGION_SEVERITY.items()},
        },
        "score": SCORE,
    }


DIAG: dict = {}


# =====================================================================================================
# PLAUSIBILITY REPORT (closed form, reference company, average industry)
# =====================================================================================================


def lognormal_limited_mean(mu: float, sigma: float, limit: float) -> float:
    """E[min(X, limit)] for ln X ~ N(mu, sigma^2)."""
    if limit <= 0:
        return 0.0
    z = (math.log(limit) - mu) / sigma
    return math.exp(mu + sigma * sigma / 2) * stats.norm.cdf(z - sigma) + limit * stats.norm.sf(z)


def layer_mean(mu: float, sigma: float, retention: float, limit: float) -> float:
    return lognormal_limited_mean(mu, sigma, retention + limit) - lognormal_limited_mean(mu, sigma, retention)


def lognormal_exceedance(mu: float, sigma: float, threshold: float) -> float:
    return float(stats.norm.sf((math.log(threshold) - mu) / sigma)) if threshold > 0 else 1.0


def report(plan: dict, fitted: dict) -> str:
    """Closed-form expected losses, read the way risk-model.ts reads the plan: a loss line's frequency is
    λ_peril × occurrenceProbability × the frequency factors of the effects that touch its section; severity
    factors multiply the median, or for business interruption the outage-hours median (revenue sets the loss
    per hour, so the waiting period stays in hours)."""
    limit, retention, waiting = 5_000_000.0, 10_000.0, 12.0
    revenue = float(plan["reference"]["annualRevenue"])
    perils = {p["id"]: p for p in plan["perils"]}
    sections = ("extortion", "business_interruption", "data_restoration", "incident_response",
                "privacy_liability", "regulatory")

    def factor(peril: str, section: str | None, on: str, all_controls: bool) -> float:
        """Product of control factors on `peril`; section None: effects without a section list only."""
        out = 1.0
        if all_controls:
            for control in plan["controls"].values():
                for effect in control["effects"]:
                    touches = ("sections" not in effect if section is None
                               else section in effect.get("sections", sections))
                    if effect["on"] == on and peril in effect["perils"] and touches:
                        out *= effect["factor"]["value"]
        return out

    lines = []
    for label, all_controls in (("no controls", False), ("all 20 controls, evidenced", True)):
        lam = {p: perils[p]["annualRate"]["value"] * factor(p, None, "frequency", all_controls) for p in perils}
        section_gross: dict[str, float] = defaultdict(float)
        section_net: dict[str, float] = defaultdict(float)
        section_claims: dict[str, float] = defaultdict(float)
        for p, peril in perils.items():
            for loss in peril["losses"]:
                s = loss["section"]
                prob = loss.get("occurrenceProbability", {"value": 1.0})["value"]
                rate = peril["annualRate"]["value"] * prob * factor(p, s, "frequency", all_controls)
                sev = factor(p, s, "severity", all_controls)
                if "businessInterruption" in loss:
                    bi = loss["businessInterruption"]
                    per_hour = bi["hourlyLossToHourlyRevenue"]["value"] * revenue / 8760
                    mu = math.log(bi["outageHoursMedian"]["value"] * sev)
                    sg = bi["outageHoursSigma"]["value"]
                    gross = per_hour * math.exp(mu + sg * sg / 2)
                    # insured: per_hour * (H - waiting)+, capped at the limit (no retention on BI here)
                    cap_hours = waiting + limit / per_hour
                    net = per_hour * (lognormal_limited_mean(mu, sg, cap_hours)
                                      - lognormal_limited_mean(mu, sg, waiting))
                    claims = lognormal_exceedance(mu, sg, waiting)
                else:
                    sv = loss["severity"]
                    mu, sg = math.log(sv["median"]["value"] * sev), sv["sigma"]["value"]
                    gross = math.exp(mu + sg * sg / 2)
                    net = layer_mean(mu, sg, retention, limit)
                    claims = lognormal_exceedance(mu, sg, retention)
                section_gross[s] += rate * gross
                section_net[s] += rate * net
                section_claims[s] += rate * claims
        total_lambda = sum(lam.values())
        lines.append(f"### Reference company (revenue CNY {revenue:,.0f}, {plan['reference']['weightedRecordsHeld']:,} "
                     f"weighted records, average industry), {label}")
        lines.append("")
        lines.append("| peril | λ (per year) |")
        lines.append("|---|---:|")
        for p in perils:
            lines.append(f"| {p} | {lam[p]:.4f} |")
        lines.append(f"| **all perils** | **{total_lambda:.4f}** (P(≥1 incident) = {1 - math.exp(-total_lambda):.1%}) |")
        lines.append("")
        lines.append(f"| section | gross expected annual loss (CNY) | insured layer: retention {retention:,.0f}, "
                     f"limit {limit:,.0f}, BI waiting period {waiting:.0f} h (CNY) | losses a year above the "
                     f"retention / waiting period |")
        lines.append("|---|---:|---:|---:|")
        for s in sections:
            lines.append(f"| {s} | {section_gross[s]:,.0f} | {section_net[s]:,.0f} | {section_claims[s]:.4f} |")
        lines.append(f"| **total** | **{sum(section_gross.values()):,.0f}** | **{sum(section_net.values()):,.0f}** "
                     f"| **{sum(section_claims.values()):.4f}** |")
        lines.append("")
    return "\n".join(lines)


def diagnostics(fitted: dict) -> str:
    d = DIAG
    rec = fitted["records"]
    out = [
        f"VCDB incidents {d['n_vcdb']:,}; random sample (sub_source null) {d['n_random']:,}; "
        f"with a NAICS sector {d['n_sector']:,}.",
        f"Base mix: {d['n_mix']} random-sample incidents at Small victims, {RECENT_FROM_YEAR}+, covered perils:",
    ]
    for p, (count, share) in d["mix"].items():
        out.append(f"  {p:22s} {count:4d}  raw share {share:.3f}  -> plan share {fitted['share'][p]:.3f}")
    out.append(f"Periods for standardisation (incidents with a sector): {d['periods']}")
    out.append("Industry credibility (overall share, Buhlmann-Straub k for O/E ratios):")
    for p, (overall, k) in d["industry_k"].items():
        out.append(f"  {p:22s} p={overall:.3f} k={k:.1f}" if math.isfinite(k) else f"  {p:22s} p={overall:.3f} k=inf")
    q = d["records_quantiles_ref"]
    out.append(f"Records (VCDB, bands {', '.join(REFERENCE_BANDS)}, >= {RECORDS_FLOOR}): n={rec['n_ref']}, "
               f"median {rec['median']:,.0f}, q10/25/50/75/90 = {', '.join(f'{v:,.0f}' for v in q)}; "
               f"robust sigma in band {rec['sigma_ref_band']:.3f}; pooled within-band sigma {rec['sigma_within']:.3f} "
               f"(n={rec['n_within']:,})")
    n, mu, s, ks = d["vcdb_small_fit"]
    out.append(f"VCDB Small, truncated lognormal MLE at {RECORDS_FLOOR}: n={n}, mu={mu:.3f} (median {math.exp(mu):,.0f}), "
               f"sigma={s:.3f}, KS={ks:.3f}")
    n, mu, s, ks, qq = d["hhs"]
    out.append(f"HHS OCR, truncated lognormal MLE at {HHS_TRUNCATION}: n={n:,}, mu={mu:.3f} (median {math.exp(mu):,.0f}), "
               f"sigma={s:.3f}, KS={ks:.3f}")
    out.append("  quantile  HHS empirical  HHS fitted  VCDB-small empirical (>=500)")
    for (qv, emp, mod), v in zip(qq, d["vcdb_small_above_500"]):
        out.append(f"  {qv:>8}  {emp:>13,.0f}  {mod:>10,.0f}  {v:>12,.0f}")
    c = fitted["cost"]
    out.append(f"Cost on records (VCDB, n={c['n']}): Theil-Sen slope b={c['b']:.3f} [{c['b_low']:.3f}, {c['b_high']:.3f}], "
               f"residual robust sigma {c['residual_sigma']:.3f} (cross-firm), {c['residual_sigma_within']:.3f} within "
               f"employee bands (n={c['n_within']}, {c['n_bands']} bands)")
    out.append(f"Money sigma: cross-firm {fitted['money_sigma_cross_firm']:.3f}, single-firm "
               f"{fitted['money_sigma_single_firm']:.3f}; plan uses {fitted['money_sigma']:.3f}")
    hits, described = fitted["hhs_monetary"]
    out.append(f"HHS OCR descriptions mentioning a monetary outcome: {hits} of {described:,} ({hits / described:.1%})")
    n, (q25, q50, q75) = d["small_amounts"]
    out.append(f"VCDB Small victims' overall USD amounts (check only): n={n}, quartiles {q25:,.0f} / {q50:,.0f} / {q75:,.0f}")
    out.append("Per-peril median records vs all breach perils (VCDB Small):")
    for p, (ratio, n_p, m) in fitted["peril_records"].items():
        out.append(f"  {p:22s} n={n_p:4d} median {m:>9,.0f}  ratio {ratio:.3f}")
    return "\n".join(out)


def render(plan: dict) -> str:
    return json.dumps(plan, ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", default=os.environ.get("CARAPACE_SHARED_DATA", str(REPO.parent / "shared" / "data")))
    parser.add_argument("--output", default=str(OUTPUT))
    parser.add_argument("--check", action="store_true", help="exit 1 if the output file differs from the fit")
    parser.add_argument("--quiet", action="store_true", help="do not print diagnostics and the plausibility table")
    args = parser.parse_args()

    data = Path(args.data_dir)
    vcdb = load_jsonl(data / "vcdb" / "vcdb_incidents.jsonl")
    hhs = load_jsonl(data / "hhs_ocr" / "hhs_ocr_breaches.jsonl")

    ts_controls = read_ts_controls()
    if sorted(ts_controls) != sorted(CONTROLS):
        sys.exit(f"control ids differ from security-controls.ts: {sorted(set(ts_controls) ^ set(CONTROLS))}")

    fitted, diag = fit(vcdb, hhs)
    DIAG.update(diag)
    plan = build_plan(fitted)
    plan["controls"] = {c: plan["controls"][c] for c in ts_controls}  # questionnaire order
    text = render(plan)

    if not args.quiet:
        print(diagnostics(fitted))
        print()
        print(report(plan, fitted))

    output = Path(args.output)
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else None
        if current != text:
            print(f"{output} is stale: run python3 {SCRIPT_PATH}", file=sys.stderr)
            return 1
        print(f"{output} is up to date", file=sys.stderr)
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
