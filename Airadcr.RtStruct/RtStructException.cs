namespace Airadcr.RtStruct;

/// <summary>The input is not a usable RT Structure Set (not RTSTRUCT, unreadable, no ROI module). The message says why
/// and never carries a patient identifier.</summary>
public sealed class RtStructException(string message, Exception? inner = null) : Exception(message, inner);
