# The teaching text's TCP server (服务器端): bind, listen(5), accept, send a greeting, close.
# Changed only to bind port 0 on loopback, print the port, and serve a bounded number of clients.
import socket, sys

serversocket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serversocket.bind(('127.0.0.1', 0))
serversocket.listen(5)
serversocket.settimeout(20)
print(serversocket.getsockname()[1], flush=True)
for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 1):
    clientsocket, addr = serversocket.accept()
    print('连接地址:\t%s' % (str(addr)), file=sys.stderr, flush=True)
    msg = '网络编程测试。' + '\r\n'
    clientsocket.send(msg.encode('utf-8'))
    clientsocket.close()
serversocket.close()
