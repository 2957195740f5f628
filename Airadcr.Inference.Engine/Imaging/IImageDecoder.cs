namespace Airadcr.Inference.Engine.Imaging;

/// <summary>Turns one stored instance (DICOM Part 10 bytes) into its decoded frames.</summary>
public interface IImageDecoder
{
    /// <summary>The frames of the instance; empty when it holds no image (SR, presentation state...).</summary>
    /// <exception cref="ImageDecodeException">The bytes are not an instance this decoder can read.</exception>
    IReadOnlyList<DecodedImage> Decode(ReadOnlyMemory<byte> instance);
}

public sealed class ImageDecodeException(string reason, Exception? inner = null) : Exception(reason, inner);
