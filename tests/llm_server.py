"""A scripted OpenAI-compatible server on 127.0.0.1 (chat completions, SSE streaming), recording every request."""
from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ScriptedLLM:
    """`replies` are used in order (the last one repeats): a string, or a dict with `text`, `status` (and the
    error's `message`), `garbage` or `hang`, or a function of the request body returning one of those. A streamed reply with
    `slow: seconds` pauses that long between its tokens (cut short when the server closes).
    `streams` records every streamed reply ({total, sent, finished, closed_by_client}: the tokens it had and sent,
    whether it was written to its end, whether a write failed because the client closed the connection);
    `disconnected` is set when a client closes a stream before its end."""

    def __init__(self):
        self.replies: list = []
        self.requests: list[dict] = []
        self.streams: list[dict] = []
        self.release = threading.Event()
        self.disconnected = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                reply = server._next(body)
                if reply.get("hang"):
                    server.release.wait(10)
                    return
                if reply.get("status", 200) != 200:
                    said = json.dumps({"error": {"message": reply.get("message", "scripted failure")}})
                    self._send(reply["status"], said.encode(), {"retry-after-ms": "1"})
                elif reply.get("garbage"):
                    self._send(200, b"this is not json {", {})
                elif body.get("stream"):
                    self._stream(body, reply["text"], reply.get("slow", 0))
                else:
                    self._send(200, json.dumps(_completion(body, reply["text"])).encode(), {})

            def _send(self, status, data, headers):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, body, text, pause=0):
                tokens = re.findall(r"\S+\s*", text)
                record = {"total": len(tokens), "sent": 0, "finished": False, "closed_by_client": False}
                server.streams.append(record)
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    for token in tokens:
                        if pause and record["sent"] and server.release.wait(pause):
                            return  # the server is closing
                        chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0,
                                 "model": body.get("model"),
                                 "choices": [{"index": 0, "delta": {"content": token}, "finish_reason": None}]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                        self.wfile.flush()
                        record["sent"] += 1
                    end = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": body.get("model"),
                           "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                    self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
                    record["finished"] = True
                except (BrokenPipeError, ConnectionResetError):  # the client closed the stream
                    record["closed_by_client"] = True
                    server.disconnected.set()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def _next(self, body: dict) -> dict:
        reply = (self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]) if self.replies else "OK [1]"
        if callable(reply):
            reply = reply(body)
        return {"text": reply} if isinstance(reply, str) else reply

    def prompts(self) -> list[str]:
        return ["\n".join(m["content"] for m in r["body"].get("messages", [])) for r in self.requests]

    def close(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _completion(body: dict, text: str) -> dict:
    return {"id": "c1", "object": "chat.completion", "created": 0, "model": body.get("model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
