#!/usr/bin/env python3
"""The comparison for scan_bench: Python's standard `mailbox` + `email` reading the same mbox,
parsing every message and walking its text parts (decoded), as a scanner would."""
import mailbox
import sys
import time
from email import policy

start = time.perf_counter()
messages = 0
text_bytes = 0
box = mailbox.mbox(sys.argv[1], factory=None, create=False)
for key in box.iterkeys():
    msg = box.get_message(key)
    messages += 1
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True) or b""
            text_bytes += len(payload)
        elif not part.is_multipart():
            part.get_payload(decode=True)
print(f"python: {messages} messages, {text_bytes} bytes of text in {time.perf_counter() - start:.2f} s")
