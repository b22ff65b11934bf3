package dev.sockit.cli.netcat;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Standard input and output as raw byte channels: binary-safe, no charset, no per-byte work. Writes
 * from several threads are serialised so each chunk stays whole.
 */
final class Stdio {
  final FileChannel in = new FileInputStream(FileDescriptor.in).getChannel();
  final FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();
  private final ReentrantLock outLock = new ReentrantLock();

  void write(ByteBuffer data) throws IOException {
    outLock.lock();
    try {
      while (data.hasRemaining()) {
        out.write(data);
      }
    } finally {
      outLock.unlock();
    }
  }

  void write(byte[] data) throws IOException {
    write(ByteBuffer.wrap(data));
  }
}
