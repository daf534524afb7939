// The first half of the hostile corpus (see hostile-corpus.ts); hostile-b.test.ts runs the rest.
import { hostileSuite } from './hostile-corpus.ts';

hostileSuite(0, 2, 62000);
