#!/usr/bin/env python3
# One-off, for merging a branch written before `tr!` took both languages: puts the English
# of each one-language `tr!("中文", …)` call, found in that branch's
# src/messages/english.rs, into the call as its second text. Run in the worktree root, then
# delete src/messages/english.rs (and this script). Calls it cannot find are listed.
import re, pathlib, sys
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
lit = r'"(?:[^"\\]|\\.)*"'
eng = (root/'src/messages/english.rs').read_text()
body = eng.split('#[cfg(test)]')[0]
pairs = {}
def norm(x): return re.sub(r'\\\n\s*','',x)
for m in re.finditer(r'\(\s*(' + lit + r')\s*,\s*(' + lit + r')\s*,?\s*\)', body, re.S):
    zh, en = m.group(1), m.group(2)
    if zh in pairs and pairs[zh] != en:
        print('dup', zh, file=sys.stderr)
    pairs[norm(zh)] = en
print(len(pairs), 'pairs')
missing = []
used = set()
for path in (root/'src').rglob('*.rs'):
    if path.name == 'english.rs' and path.parent.name == 'messages': continue
    text = path.read_text()
    def rep(m):
        zh = m.group(2)
        if norm(zh) not in pairs:
            missing.append((str(path), zh)); return m.group(0)
        used.add(norm(zh))
        return m.group(1) + zh + ', ' + pairs[norm(zh)]
    new = re.sub(r'(\btr!\(\s*)(' + lit + r')(?!\s*,\s*")', rep, text, flags=re.S)
    if new != text:
        path.write_text(new)
print('missing', missing)
print('unused', [k for k in pairs if k not in used])
