// PLACEHOLDER: the 'identify' command is not built yet.
import type { CommandSpec } from './index.js';
import { RuntimeError } from '../errors.js';

const spec: CommandSpec = {
  builder: (y) => y,
  handler: async () => {
    throw new RuntimeError('the "identify" command is not available in this build yet');
  },
};
export default spec;
