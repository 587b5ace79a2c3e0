import { EventBus } from './events.js';
import { FileStore } from './files.js';
import type { MethodTable } from './methods/define.js';
import { OpenLines } from './open-lines.js';
import { Operators } from './operators.js';
import type { Portal } from './portal.js';

/** The portal and the services its methods, control calls and pages share. */
export class Runtime {
  readonly events: EventBus;
  readonly files: FileStore;
  readonly lines: OpenLines;
  readonly operators: Operators;

  constructor(
    readonly portal: Portal,
    readonly methods: MethodTable,
  ) {
    this.events = new EventBus(portal);
    this.files = new FileStore(portal);
    this.lines = new OpenLines(portal, this.events);
    this.operators = new Operators(portal, this.events, this.lines, this.files);
  }
}
