import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  assessmentRequestFromWire,
  assessmentToWire,
  loadProductCatalogue,
  whatIfToWire,
} from '@carapace/api';
import { AssessmentRequest } from '@carapace/contracts';
import {
  assessRisk,
  controlWhatIf,
  createLossSimulator,
  formatMoneyDecimal,
  type Assessment,
  type ControlWhatIf,
  type Language,
  type Money,
} from '@carapace/domain';
import { SimulationWorkerPool } from '@carapace/engine';
import { configFrom, type CliIo } from '../cli-context.js';
import { CliInputError, readJsonObject } from '../json-input-file.js';

const FORMAT_HINT = 'docs/underwriting-model.md#assessment-input';

function parseLanguage(value: string): Language {
  if (value !== 'zh-CN' && value !== 'en') throw new InvalidArgumentError('expected zh-CN or en');
  return value;
}

function parseTop(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0 || number > 20) {
    throw new InvalidArgumentError('expected a whole number from 0 to 20');
  }
  return number;
}

const LABELS = {
  'zh-CN': {
    score: '风险评分',
    bands: { low: '低', moderate: '中', elevated: '较高', high: '高' },
    why: '评分构成（分）',
    grossLoss: '年均损失（总）',
    insuredLoss: '年均损失（保险承担）',
    worstYear: '百年一遇年度损失（总）',
    premium: '保费',
    breakdown:
      '其中：预期赔付 {loss}，风险附加 {load}，费用 {expenses}，利润 {profit}，取整 {rounding}，最低保费补足 {minimum}',
    decision: { quote: '结论：可报价', refer: '结论：需核保人审核', decline: '结论：拒保' },
    controls: '最能降低保费的安全措施',
    saves: '节省保费 {saved}，保费 {premium}，年均损失减少 {loss}',
    adopt: '实施',
    evidence: '提供证明',
    answers: { evidenced: '已实施，有证明', attested: '已实施，无证明', absent: '未实施' },
  },
  en: {
    score: 'Risk score',
    bands: { low: 'low', moderate: 'moderate', elevated: 'elevated', high: 'high' },
    why: 'Why (points)',
    grossLoss: 'Expected annual loss (gross)',
    insuredLoss: 'Expected annual loss (insured)',
    worstYear: '1-in-100-year annual loss (gross)',
    premium: 'Premium',
    breakdown:
      'of which expected claims {loss}, risk load {load}, expenses {expenses}, profit {profit}, rounding {rounding}, minimum-premium top-up {minimum}',
    decision: {
      quote: 'Decision: quote',
      refer: 'Decision: refer to an underwriter',
      decline: 'Decision: decline',
    },
    controls: 'Controls that lower the premium most',
    saves: 'saves {saved}, premium {premium}, expected loss down {loss}',
    adopt: 'adopt',
    evidence: 'evidence',
    answers: {
      evidenced: 'in place, evidenced',
      attested: 'in place, not evidenced',
      absent: 'not in place',
    },
  },
} as const;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** "1234567.89" → "1,234,567.89": amounts are read by people here, not parsed. */
function groupThousands(decimal: string): string {
  const [whole = '', fraction] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

function whole(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function renderAssessment(
  assessment: Assessment,
  whatIf: ControlWhatIf | null,
  lang: Language,
  top: number,
): string[] {
  const labels = LABELS[lang];
  const currency = assessment.premium.premium.currency;
  const amount = (value: Money): string => `${currency} ${groupThousands(formatMoneyDecimal(value))}`;
  const shownValue = (value: string): string =>
    Object.hasOwn(labels.answers, value) ? labels.answers[value as keyof typeof labels.answers] : value;
  const lines = [
    `${labels.score}: ${String(assessment.score.score)} / 100 (${labels.bands[assessment.score.band]})`,
    `${labels.why}:`,
    ...assessment.score.contributions.map(
      (entry) =>
        `  ${(entry.points >= 0 ? '+' : '') + String(entry.points)}`.padEnd(8) +
        `${entry.label[lang]} (${shownValue(entry.value)})`,
    ),
    `${labels.grossLoss}: ${currency} ${whole(assessment.losses.gross.mean)}`,
    `${labels.insuredLoss}: ${currency} ${whole(assessment.losses.insured.mean)}`,
    `${labels.worstYear}: ${currency} ${whole(
      assessment.losses.gross.returnPeriodLosses.find((entry) => entry.years === 100)?.loss ?? Number.NaN,
    )}`,
    `${labels.premium}: ${amount(assessment.premium.premium)}`,
    `  ${fill(labels.breakdown, {
      loss: amount(assessment.premium.expectedInsuredLoss),
      load: amount(assessment.premium.riskLoad),
      expenses: amount(assessment.premium.expenses),
      profit: amount(assessment.premium.profit),
      rounding: amount(assessment.premium.rounding),
      minimum: amount(assessment.premium.minimumPremiumTopUp),
    })}`,
    labels.decision[assessment.decision.kind],
    ...(assessment.decision.kind === 'quote'
      ? []
      : assessment.decision.rules.map((rule) => `  - ${rule.reason[lang]} [${rule.code}]`)),
  ];
  if (whatIf !== null && top > 0) {
    lines.push(`${labels.controls}:`);
    whatIf.options.slice(0, top).forEach((option, index) => {
      lines.push(
        `  ${String(index + 1)}. ${option.name[lang]} (${labels[option.change]}): ${fill(labels.saves, {
          saved: amount(option.premiumSaved),
          premium: amount(option.premium),
          loss: `${currency} ${whole(option.expectedGrossLossReduction)}`,
        })}`,
      );
    });
  }
  return lines;
}

export function registerAssessCommand(program: Command, io: CliIo): void {
  program
    .command('assess')
    .description(
      'score a company, price its cover and rank the controls that would lower its premium / 风险评估',
    )
    .argument('<company.json>', `company profile and optional cover choice (format: ${FORMAT_HINT})`)
    .option('-s, --seed <seed>', 'random seed (default: derived from the input)')
    .option('--lang <language>', 'zh-CN or en', parseLanguage, 'zh-CN' as Language)
    .option('--top <n>', 'how many controls to list (0 skips the what-if)', parseTop, 5)
    .option('--json', 'print the assessment and what-if as JSON instead of a report')
    .action(async (file: string, options: { seed?: string; lang: Language; top: number; json?: boolean }) => {
      const input = await readJsonObject(resolve(io.workingDirectory, file), FORMAT_HINT);
      // `$comment` and other `$` keys are notes for people, as in simulation input files.
      const json: Record<string, unknown> = Object.fromEntries(
        Object.entries(input).filter(([key]) => !key.startsWith('$')),
      );
      if (options.seed !== undefined) json['seed'] = options.seed;
      const parsed = AssessmentRequest.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = issue?.path.map(String).join('.') ?? '';
        throw new CliInputError(`${file}: ${path === '' ? '' : `${path}: `}${issue?.message ?? 'not valid'}`);
      }
      const config = configFrom(io);
      const catalogue = await loadProductCatalogue(config.catalogueDir);
      const pool = new SimulationWorkerPool(config.simulationWorkers);
      try {
        const request = assessmentRequestFromWire(parsed.data);
        const services = { catalogue, simulate: createLossSimulator(pool) };
        const [assessment, whatIf] = await Promise.all([
          assessRisk(services, request),
          options.top > 0 || options.json === true ? controlWhatIf(services, request) : Promise.resolve(null),
        ]);
        if (options.json === true) {
          io.stdout(
            JSON.stringify(
              {
                assessment: assessmentToWire(assessment),
                whatIf: whatIf === null ? null : whatIfToWire(whatIf),
              },
              null,
              2,
            ),
          );
          return;
        }
        for (const line of renderAssessment(assessment, whatIf, options.lang, options.top)) io.stdout(line);
      } finally {
        await pool.close();
      }
    });
}
