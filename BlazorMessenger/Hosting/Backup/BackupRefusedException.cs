namespace BlazorMessenger.Hosting.Backup;

/// <summary>A backup or restore that will not go ahead, with the one line that tells the operator why.</summary>
public sealed class BackupRefusedException(string message) : Exception(message);
