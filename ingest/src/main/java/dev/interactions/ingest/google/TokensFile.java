package dev.interactions.ingest.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interactions.core.mail.Addresses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Adds a mailbox's refresh token to the {@code --auth user-tokens} file ({@link UserTokens}). The
 * file is replaced in one move of a temporary file that is owner-only from its creation, so a crash
 * leaves the old file or the new one, never half a file or a readable one.
 */
public final class TokensFile {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TokensFile() {}

  /** Refuses a file its group or others can read. */
  static void requireOwnerOnly(Path file, String what) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        throw new IllegalArgumentException(what + " " + file + " can be read by others: allow only its owner"
            + " (chmod 600)");
      }
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: nothing to check.
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + e.getMessage());
    }
  }

  /**
   * Checks, before the consent, that the tokens can be stored: an existing file must be valid,
   * owner-only and for the same OAuth client; a new one needs an existing folder.
   */
  public static void check(Path file, DesktopClient client) {
    if (Files.exists(file)) {
      UserTokens existing = UserTokens.read(file);
      if (!existing.clientId().equals(client.clientId())) {
        throw new IllegalArgumentException("credentials file " + file + " is for client_id " + existing.clientId()
            + " but the client secrets are for " + client.clientId() + ": use the same OAuth client's client secrets"
            + " (or another credentials file)");
      }
    } else {
      Path folder = file.toAbsolutePath().getParent();
      if (folder == null || !Files.isDirectory(folder)) {
        throw new IllegalArgumentException("folder of credentials file not found: " + folder);
      }
    }
  }

  /**
   * Adds or replaces the mailbox's refresh token; creates the file when missing. Other entries and
   * fields stay as they are; client_secret becomes the client's, the one that just worked.
   */
  public static void add(Path file, DesktopClient client, String mailbox, String refreshToken) throws IOException {
    check(file, client);
    ObjectNode root;
    if (Files.exists(file)) {
      JsonNode read = JSON.readTree(file.toFile());
      root = (ObjectNode) read; // UserTokens.read in check() proved it is an object with a tokens object
    } else {
      root = JSON.createObjectNode();
      root.put("client_id", client.clientId());
      root.putObject("tokens");
    }
    root.put("client_secret", client.clientSecret());
    ObjectNode tokens = (ObjectNode) root.get("tokens");
    List<String> sameMailbox = new ArrayList<>();
    tokens.fieldNames().forEachRemaining(k -> {
      if (mailbox.equals(Addresses.normalize(k))) {
        sameMailbox.add(k);
      }
    });
    tokens.remove(sameMailbox);
    tokens.put(mailbox, refreshToken);
    writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static void writeAtomically(Path file, byte[] content) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Path tmp;
    try {
      tmp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp",
          PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException notPosix) {
      tmp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
    }
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        // On disk before the move, so a crash cannot leave the new name pointing at an empty file.
        out.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
