// One "machine" of a distributed EM iteration: reads a saved model and its partition of the rows
// as JSON on stdin, writes the partition's statistics as JSON on stdout.
import { GaussianMixture } from '../../src/index';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  input += text;
});
process.stdin.on('end', () => {
  const { model, rows } = JSON.parse(input) as { model: unknown; rows: number[][] };
  const statistics = GaussianMixture.fromJSON(model).statistics(rows);
  process.stdout.write(JSON.stringify(statistics));
});
