// The second half of the hostile corpus (see hostile-corpus.ts).
import { hostileSuite } from './hostile-corpus.ts';

hostileSuite(1, 2, 62010);
