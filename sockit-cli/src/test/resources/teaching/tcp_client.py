# The teaching text's TCP client (客户端): connect, recv(1024), print.
# Changed only so the test can pass the host and port instead of gethostname() and 999.
import socket, sys

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(10)
host = sys.argv[1]
port = int(sys.argv[2])
s.connect((host, port))
msg = s.recv(1024)
s.close()
print(msg.decode('utf-8'))
