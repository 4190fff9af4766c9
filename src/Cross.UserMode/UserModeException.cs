namespace Cross.UserMode;

/// <summary>
/// A problem the user must fix (a missing file, a malformed or unsupported executable). The message
/// is one line without the "cross: " prefix, fit to print as is.
/// </summary>
public sealed class UserModeException : Exception
{
    public UserModeException(string message)
        : base(message)
    {
    }

    public UserModeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
