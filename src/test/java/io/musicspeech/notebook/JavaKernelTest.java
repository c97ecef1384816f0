package io.musicspeech.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the kernel's evaluation directly, without Jupyter. One kernel for all tests: JShell starts slowly. */
class JavaKernelTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static final List<DisplayData> displayed = new CopyOnWriteArrayList<>();
    private static JavaKernel kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        System.setProperty("java.awt.headless", "true");
        kernel = new JavaKernel(System.getProperty("java.class.path")) {
            @Override
            public void display(DisplayData data) {
                displayed.add(data);
            }
        };
    }

    @AfterAll
    static void stopKernel() {
        kernel.onShutdown(false);
    }

    @BeforeEach
    void clearDisplayed() {
        displayed.clear();
    }

    @Test
    void finalExpressionIsTheCellsValue() throws Exception {
        assertEquals("2", text(kernel.eval("1 + 1")));
        assertEquals("a string", text(kernel.eval("\"a string\"")));
    }

    @Test
    void declarationsAndStatementsHaveNoValue() throws Exception {
        assertNull(kernel.eval("int declared = 3;"));
        assertNull(kernel.eval("declared = 4;"));
        assertNull(kernel.eval("Math.abs(-1);\nSystem.out.print(\"\");"));
        assertNull(kernel.eval("1 + 1; // a final ';' hides the value, as in IPython"));
    }

    @Test
    void standardStreamsReachTheCurrentSystemOutAndErr() throws Exception {
        // basekernel points System.out/err at the notebook during a cell; cells must write to whatever is current
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            assertNull(kernel.eval("System.out.println(\"to out\");\nSystem.err.println(\"to err\");"));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("to out\n", outBytes.toString(StandardCharsets.UTF_8));
        assertEquals("to err\n", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void compileErrorNamesTheDiagnosticAndTheLine() {
        CompileError error = assertThrows(CompileError.class,
                () -> kernel.eval("int fine = 1;\nint wrong = \"text\";\nint never = 2;"));
        assertTrue(error.getMessage().contains("incompatible types"), error.getMessage());
        String report = String.join("\n", error.report());
        assertTrue(report.contains("Line 2: incompatible types"), report);
        assertTrue(report.contains("    int wrong = \"text\";\n                ^^^^^^"), report);
    }

    @Test
    void snippetsAfterAFailingOneDoNotRun() throws Exception {
        assertThrows(CompileError.class, () -> kernel.eval("int before = 1;\nundefinedThing();\nint after = 2;"));
        assertEquals("1", text(kernel.eval("before")));
        assertThrows(CompileError.class, () -> kernel.eval("after"));
    }

    @Test
    void runtimeExceptionReportsClassMessageAndCellLines() {
        CellException error = assertThrows(CellException.class, () -> kernel.eval(
                "void fail(String why) {\n    throw new IllegalStateException(why);\n}\n\nfail(\"boom\");"));
        List<String> report = error.report();
        assertEquals(String.join("\n", report), error.getMessage(), "nbconvert's console shows only the message");
        assertEquals("java.lang.IllegalStateException: boom", report.get(0));
        assertTrue(report.get(1).matches("\tat fail\\(In\\[\\d+] line 2\\)"), report.toString());
        assertTrue(report.get(2).matches("\tat cell\\(In\\[\\d+] line 5\\)"), report.toString());
        assertEquals(3, report.size(), "the kernel's own frames are cut: " + report);
    }

    @Test
    void causesAreReported() {
        CellException error = assertThrows(CellException.class, () -> kernel.eval(
                "throw new RuntimeException(\"outer\", new java.io.IOException(\"inner\"));"));
        assertTrue(error.report().contains("Caused by: java.io.IOException: inner"), error.report().toString());
    }

    @Test
    void multiStatementCellWithMethodAndClass() throws Exception {
        String cell = String.join("\n",
                "int base = 2;",
                "int square(int x) {",
                "    return x * x;",
                "}",
                "record Pair(int a, int b) { int sum() { return a + b; } }",
                "var pair = new Pair(square(base), 1);",
                "pair.sum()");
        assertEquals("5", text(kernel.eval(cell)));
    }

    @Test
    void variablesAndMethodsSurviveAcrossCells() throws Exception {
        assertNull(kernel.eval("List<String> names = new ArrayList<>();\nString greet(String n) { return \"hi \" + n; }"));
        assertNull(kernel.eval("names.add(greet(\"ada\"));"));
        assertEquals("[hi ada]", text(kernel.eval("names")));
    }

    @Test
    void displayOfABufferedImageIsAPng() throws Exception {
        assertNull(kernel.eval("display(new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB));"));
        assertEquals(1, displayed.size());
        assertPng(displayed.get(0));
    }

    @Test
    void displayOfATableIsHtmlAndText() throws Exception {
        assertNull(kernel.eval("display(tech.tablesaw.api.Table.create(\"scores\",\n"
                + "    tech.tablesaw.api.StringColumn.create(\"name\", \"a<b\", \"c\"),\n"
                + "    tech.tablesaw.api.IntColumn.create(\"n\", 1, 2)));"));
        assertEquals(1, displayed.size());
        String html = (String) displayed.get(0).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table>") && html.contains("<th>name</th>") && html.contains("<td>a&lt;b</td>"), html);
        assertTrue(text(displayed.get(0)).contains("scores"), text(displayed.get(0)));
    }

    @Test
    void finalValuesRenderRichToo() throws Exception {
        assertPng(kernel.eval("var chart = new org.knowm.xchart.XYChart(200, 100);\n"
                + "chart.addSeries(\"s\", new double[] {1, 2, 3}, new double[] {3, 1, 2});\n"
                + "chart"));
        DisplayData html = kernel.eval("new io.musicspeech.notebook.Html(\"<b>bold</b>\")");
        assertEquals("<b>bold</b>", html.getData(MIMEType.TEXT_HTML));
        assertEquals("null", text(kernel.eval("(String) null")));
    }

    @Test
    void incompleteCellIsAnErrorAndRunsNothing() throws Exception {
        IncompleteCell error = assertThrows(IncompleteCell.class,
                () -> kernel.eval("int ranBefore = 1;\nfor (int i = 0; i < 3; i++) {\n    System.out.println(i);"));
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
        assertThrows(CompileError.class, () -> kernel.eval("ranBefore"));
    }

    @Test
    void isCompleteGuidesTheFrontend() {
        assertEquals("complete", kernel.isComplete("int x = 1;\nx + 1"));
        assertEquals("", kernel.isComplete("void f() {"));
    }

    @Test
    void interruptStopsABlockedAndABusyCell() throws Exception {
        for (String cell : List.of("Thread.sleep(600_000);", "while (true) { Math.sqrt(2.0); }")) {
            CompletableFuture<Exception> result = CompletableFuture.supplyAsync(() -> {
                try {
                    kernel.eval(cell);
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            Thread.sleep(500);
            kernel.interrupt();
            Exception outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> result.get());
            assertTrue(outcome instanceof CellInterrupted, String.valueOf(outcome));
        }
        assertEquals("3", text(kernel.eval("1 + 2")), "the kernel runs cells after an interrupt");
    }

    private static String text(DisplayData data) {
        return (String) data.getData(MIMEType.TEXT_PLAIN);
    }

    private static void assertPng(DisplayData data) {
        byte[] png = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, PNG_MAGIC.length));
    }
}
