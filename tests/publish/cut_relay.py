"""An SSH ProxyCommand that relays to HOST PORT and breaks the connection for real.

    python cut_relay.py HOST PORT BYTES drop|stall

After BYTES have gone from the client to the server on one connection:
drop closes the TCP connection (both ends see it end mid-transfer); stall stops
reading and relaying in both directions but keeps the connection open, as a
dead network path does (the sender's buffers fill, then its writes block).
Connections that stay below BYTES (logins, short commands) pass.
"""

import ctypes
import os
import selectors
import signal
import socket
import sys


def main():
    host, port, limit, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # ends with the ssh client that started it
    signal.alarm(120)  # and in any case within two minutes
    server = socket.create_connection((host, port))
    client_in, client_out = sys.stdin.fileno(), sys.stdout.fileno()
    selector = selectors.DefaultSelector()
    selector.register(client_in, selectors.EVENT_READ)
    selector.register(server, selectors.EVENT_READ)
    sent = 0
    while True:
        for key, _ in selector.select():
            if key.fileobj == client_in:
                data = os.read(client_in, 65536)
                if not data:
                    return  # the client is gone: closing our socket ends the server's side
                server.sendall(data)
                sent += len(data)
                if sent >= limit:
                    if mode == "drop":
                        server.close()
                        return
                    signal.pause()  # stall: read nothing, send nothing, until killed
            else:
                data = server.recv(65536)
                if not data:
                    return
                os.write(client_out, data)


if __name__ == "__main__":
    main()
