using System.Numerics;

namespace Airadcr.Inference.Engine.Imaging;

/// <summary>Where one image plane of a volume came from and where it lies in patient space.</summary>
/// <param name="SopInstanceUid">SOP Instance UID of the instance holding the plane.</param>
/// <param name="Frame">1-based frame number within that instance.</param>
/// <param name="Position">Patient coordinates (mm) of the centre of the first transmitted pixel.</param>
public sealed record SliceGeometry(string SopInstanceUid, int Frame, Vector3 Position);
