#!/usr/bin/env python3
"""CPU samples of a JFR recording (jdk.ExecutionSample), grouped: top frames, and inclusive shares of chosen
package prefixes and methods. Usage: jfr-hot.py RECORDING.jfr [--thread SUBSTRING] [--top 30]
Needs the JDK's `jfr` tool on PATH (or JFR=/path/to/jfr)."""
import collections, json, os, subprocess, sys

args = sys.argv[1:]
rec = args[0]
thread_filter = args[args.index('--thread') + 1] if '--thread' in args else None
top = int(args[args.index('--top') + 1]) if '--top' in args else 30
jfr = os.environ.get('JFR', 'jfr')
out = subprocess.run([jfr, 'print', '--json', '--stack-depth', '96', '--events', 'jdk.ExecutionSample', rec],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)['recording']['events']
top_frames, inclusive, threads = collections.Counter(), collections.Counter(), collections.Counter()
n = 0
BUCKETS = [  # first match wins, checked over the whole stack (inclusive)
    ('classifier (io.dyad.classify.{text,gazetteer,issues,language,pairs} + ArticleClassifier)',
     ('io.dyad.classify.text.', 'io.dyad.classify.gazetteer.', 'io.dyad.classify.issues.',
      'io.dyad.classify.language.', 'io.dyad.classify.pairs.', 'io.dyad.classify.service.ArticleClassifier')),
    ('reading RawArticle (RawArticleReader)', ('io.dyad.classify.messaging.RawArticleReader',)),
    ('writing TaggedArticle JSON (ObjectWriter in consumer)', ('com.fasterxml.jackson.databind.ObjectWriter',
                                                                'com.fasterxml.jackson.databind.ObjectMapper.writeValue')),
    ('Kafka consumer (poll/fetch)', ('org.apache.kafka.clients.consumer.',)),
    ('Kafka producer', ('org.apache.kafka.clients.producer.',)),
    ('Kafka network/common', ('org.apache.kafka.',)),
    ('SmallRye messaging', ('io.smallrye.reactive.messaging.',)),
    ('Mutiny', ('io.smallrye.mutiny.',)),
    ('Vert.x / Netty', ('io.vertx.', 'io.netty.')),
    ('Micrometer', ('io.micrometer.',)),
    ('logging', ('org.jboss.logmanager.', 'org.jboss.logging.')),
    ('Jackson (other)', ('com.fasterxml.jackson.',)),
]
buckets = collections.Counter()
for e in events:
    v = e['values']
    tname = (v.get('sampledThread') or {}).get('javaName') or (v.get('sampledThread') or {}).get('osName') or '?'
    if thread_filter and thread_filter not in tname:
        continue
    frames = (v.get('stackTrace') or {}).get('frames') or []
    if not frames:
        continue
    n += 1
    threads[''.join(c if not c.isdigit() else '#' for c in tname)] += 1
    def name(f):
        m = f['method']
        return m['type']['name'].replace('/', '.') + '.' + m['name']
    names = [name(f) for f in frames]
    top_frames[names[0]] += 1
    seen = set()
    for nm in names:
        if nm not in seen:
            inclusive[nm] += 1
            seen.add(nm)
    for label, prefixes in BUCKETS:
        if any(nm.startswith(p) for nm in names for p in prefixes):
            buckets[label] += 1
            break
    else:
        buckets['other: ' + names[-1]] += 1
print(f'{n} samples' + (f' on threads containing {thread_filter!r}' if thread_filter else ''))
print('\n== by thread')
for t, c in threads.most_common(15):
    print(f'{100*c/n:5.1f}%  {t}')
print('\n== by bucket (inclusive, first match over the stack)')
for b, c in buckets.most_common(25):
    print(f'{100*c/n:5.1f}%  {b}')
print('\n== top frames')
for f, c in top_frames.most_common(top):
    print(f'{100*c/n:5.1f}%  {f}')
print('\n== inclusive (io.dyad, jackson, smallrye, kafka)')
for f, c in inclusive.most_common(400):
    if any(f.startswith(p) for p in ('io.dyad', 'com.fasterxml', 'io.smallrye.reactive', 'org.apache.kafka')):
        print(f'{100*c/n:5.1f}%  {f}')
