using SdnController.Capture;

namespace SdnController.Classification.Tests;

/// <summary>Classifies a capture file the way <c>sdnctl classify --pcap</c> does.</summary>
public static class CaptureClassification
{
    public static Classifier ClassifyFile(string path)
    {
        var classifier = new Classifier(ClassifierOptions.WholeCapture);
        PcapFileReader.Read(path, (frame, link, micros, wireLength) => classifier.Process(frame, link, micros, wireLength));
        return classifier;
    }
}
