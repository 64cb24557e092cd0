package dev.interactions.ingest.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Reading a file of secrets: it must exist, be readable by its owner only, and be JSON. */
final class CredentialFiles {
  private CredentialFiles() {}

  /** The file's JSON, after the checks; every message names the file and quotes none of it. */
  static JsonNode readOwnerOnlyJson(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("credentials file not found: " + file);
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        throw new IllegalArgumentException("credentials file " + file
            + " can be read by others: allow only its owner (chmod 600)");
      }
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: nothing to check.
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read credentials file " + file + ": " + e.getMessage());
    }
    try {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("credentials file " + file + " is not a JSON object");
      }
      return root;
    } catch (IOException e) {
      // The parser's message may quote the file's content: say only that it is not JSON.
      throw new IllegalArgumentException("credentials file " + file + " is not valid JSON");
    }
  }
}
