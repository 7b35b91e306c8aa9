import time
from index import *
s=Store('/tmp/wh1')
t=time.time(); r=rebuild(['data/articles'], s, progress=True); print(r, time.time()-t)
t=time.time(); r=rebuild(['data/articles'], s); print(r, time.time()-t)
print(s.manifest().counts)
e=get_embedder()
for x in s.query('quotes', e.embed(['Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?'])[0], 3): print(x['score'], x['metadata']['speaker_name'], x['document'][:60])
