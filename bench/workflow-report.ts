/** The workflow rows of the report (bench/workflows.ts measures them): a Markdown table and its notes. */

import { markdownTable } from './report';
import { ratioCell } from './targets';
import type { NotRun, Run, WorkflowRow } from './workflows';
import { FIT_WORKFLOW, REPEATS, SELECT_WORKFLOW } from './workflows';

function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 10 ? s.toFixed(2) : s.toFixed(1);
}

/** Time, iterations and finding of one side, or why it did not run (in the time cell). */
function sideCells(side: Run | NotRun): string[] {
  if (side.status !== 'ok') return [`${side.status}: ${side.reason}`, '–', '–'];
  return [seconds(side.medianMs), side.iterations === undefined ? '–' : `${side.iterations}`, side.result];
}

export const WORKFLOW_HEADER = [
  'workflow',
  'data',
  'gmm-wasm s',
  'EM its',
  'gmm-wasm found',
  'against',
  's',
  'EM its',
  'found',
  'ratio other/gmm-wasm',
];

export function workflowRow(row: WorkflowRow): string[] {
  const ratio =
    row.other.status === 'ok' ? ratioCell(row.other.medianMs / row.gmm.medianMs, row.target) : '–';
  return [row.workflow, row.data, ...sideCells(row.gmm), row.against, ...sideCells(row.other), ratio];
}

/** The workflow table and its notes, as lines of Markdown. */
export function workflowMarkdown(rows: readonly WorkflowRow[]): string[] {
  const fit = FIT_WORKFLOW.settings;
  const select = SELECT_WORKFLOW.settings;
  return [
    markdownTable([WORKFLOW_HEADER, ...rows.map(workflowRow)]),
    '',
    `- workflows: wall time of the whole task with the data in memory, median of ${REPEATS} runs after a ` +
      'warm-up, each side in its own process (gmm-wasm in the bench process; scikit-learn with 1 BLAS thread; ' +
      'R single-threaded); EM its = every EM iteration of the last run, summed over restarts or candidates.',
    `- fit: both from a k-means start (k-means++ then Lloyd, one M-step from the labels), ${fit.restarts} starts, ` +
      `the best kept; both stop when the mean log-likelihood per row changes by less than ${fit.tol.toExponential()} (the two ` +
      `libraries' default) or after ${fit.maxIter} iterations; regCovar ${fit.regCovar.toExponential()}. Found: the final mean ` +
      'log-likelihood. The starts differ (each library draws its own), so the iteration counts differ too.',
    `- selectModel: gmm-wasm and the scikit-learn loop fit each candidate once from a k-means start, to tol ` +
      `${select.tol.toExponential()} per row or ${select.maxIter} iterations, and pick the lowest BIC; mclust starts from its ` +
      'hierarchical clustering and stops at its default 1e-5 relative change of the total log-likelihood ' +
      '(about 1.3e-4 per row on these rows), iterations unreported. Found: the chosen model.',
  ];
}
