package io.jdeepface.converter.install;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Keeps two installs from writing into the same home at once (the OS drops the lock if we die). */
final class InstallLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstallLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static InstallLock acquire(Path home) throws IOException {
        FileChannel ch = FileChannel.open(home.resolve(".install.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new InstallException(InstallException.Category.ENVIRONMENT,
                    "another 'models install' is running on " + home + "; wait for it to finish");
        }
        return new InstallLock(ch, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
