// The default order (failed first, then slowest first), except that the fault suites under test/fault
// run last, one after another, so that killing and restarting their own services disturbs nothing else.
const Sequencer = require('@jest/test-sequencer').default;
const path = require('node:path');

const FAULT_DIR = `${path.sep}test${path.sep}fault${path.sep}`;

class FaultSuitesLast extends Sequencer {
  async sort(tests) {
    const ordered = await super.sort(tests);
    const isFault = (test) => test.path.includes(FAULT_DIR);
    const faults = ordered.filter(isFault).sort((a, b) => a.path.localeCompare(b.path));
    return [...ordered.filter((test) => !isFault(test)), ...faults];
  }
}

module.exports = FaultSuitesLast;
