namespace Airadcr.Inference.Engine.Processing;

/// <summary>
/// A volume's planes as the model sees them (after intensity mapping and resampling), and the mapping of model
/// pixel positions back to the volume's pixels: native = (model + 0.5) * scale - 0.5.
/// </summary>
public sealed record ModelGrid(IReadOnlyList<float[]> Planes, int Height, int Width, double ScaleX, double ScaleY)
{
    public double ToNativeX(double x) => ((x + 0.5) * ScaleX) - 0.5;

    public double ToNativeY(double y) => ((y + 0.5) * ScaleY) - 0.5;
}
