import json,time
from app import answer
qs=['Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?','What did Georgy Tikhy say?','Who said the moon is made of green cheese?','What did Barack Obama say?','How much does the Tamsel Link cost?']
qs+= [x['who_question'] for x in json.load(open('tests/data/sample_expectations.json'))]
answer(qs[0], home='/tmp/wh1')
for q in qs:
    t=time.time(); a=answer(q, home='/tmp/wh1'); dt=time.time()-t
    print(f'{dt*1000:.0f}ms', q, '\n   ->', a.found, a.text.replace('\n',' | ')[:200])
