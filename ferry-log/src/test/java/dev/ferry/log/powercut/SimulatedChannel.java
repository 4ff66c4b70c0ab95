package dev.ferry.log.powercut;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** An open file of a {@link PowerCutStorage}; dead once the power was cut, as every descriptor is after a reboot. */
final class SimulatedChannel extends FileChannel {

    private final PowerCutStorage storage;
    private final SimulatedFile file;
    private final int powerEpoch;
    private final boolean readable;
    private final boolean writable;
    private long position;

    SimulatedChannel(PowerCutStorage storage, SimulatedFile file, int powerEpoch, boolean readable, boolean writable) {
        this.storage = storage;
        this.file = file;
        this.powerEpoch = powerEpoch;
        this.readable = readable;
        this.writable = writable;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public int read(ByteBuffer dst, long at) throws IOException {
        synchronized (storage) {
            storage.reading(powerEpoch);
            if (!readable) {
                throw new NonReadableChannelException();
            }
            byte[] bytes = new byte[dst.remaining()];
            int n = file.read(at, bytes, 0, bytes.length);
            if (n > 0) {
                dst.put(bytes, 0, n);
            }
            return dst.remaining() == 0 && bytes.length == 0 ? 0 : n;
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = write(src, position);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src, long at) throws IOException {
        synchronized (storage) {
            storage.changing(powerEpoch);
            if (!writable) {
                throw new NonWritableChannelException();
            }
            byte[] bytes = new byte[src.remaining()];
            src.get(bytes);
            file.write(at, bytes);
            return bytes.length;
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        synchronized (storage) {
            storage.reading(powerEpoch);
            return file.length();
        }
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        synchronized (storage) {
            storage.changing(powerEpoch);
            if (!writable) {
                throw new NonWritableChannelException();
            }
            file.truncate(size);
            position = Math.min(position, size);
            return this;
        }
    }

    @Override
    public void force(boolean metaData) throws IOException {
        synchronized (storage) {
            storage.changing(powerEpoch);
            file.force();
        }
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(count, 1 << 20));
        int n = read(bytes, at);
        if (n <= 0) {
            return 0;
        }
        bytes.flip();
        while (bytes.hasRemaining()) {
            target.write(bytes);
        }
        return n;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) {
        throw new UnsupportedOperationException("the log does not transfer into files; model it here if it starts to");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("the log does not map files; model it here if it starts to");
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
        return tryLock(at, size, shared);
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
        return new FileLock(this, at, size, shared) {
            private boolean valid = true;

            @Override
            public boolean isValid() {
                return valid && channel().isOpen();
            }

            @Override
            public void release() {
                valid = false;
            }
        };
    }

    @Override
    protected void implCloseChannel() {
        // nothing held: what was written stays as it is, synced or not
    }
}
