namespace Airadcr.Inference.Engine.Imaging;

/// <summary>One stored instance as received: a name for messages (file name, SOP Instance UID) and its bytes.</summary>
public sealed record StoredInstance(string Name, ReadOnlyMemory<byte> Bytes);
