package io.frontdesk.waf.engine;


import io.frontdesk.waf.engine.body.ParsedBody;
import io.frontdesk.waf.engine.seclang.Variable;

/**
 * Where the parts of a parsed request body go among a transaction's variables: fields to
 * ARGS_POST, uploads to FILES, FILES_SIZES and FILES_TMP_CONTENT, part headers to
 * MULTIPART_PART_HEADERS, XML text and attribute values to {@code XML:/*} and {@code XML://@*},
 * and the processor's flags and lists to the variables they name.
 */
final class RequestBodyVariables {

    private RequestBodyVariables() {
    }

    static void fill(ParsedBody parsed, Variables variables) {
        for (ParsedBody.Field field : parsed.arguments()) {
            variables.argsPost.add(field.name(), field.value());
        }
        for (ParsedBody.UploadedFile file : parsed.files()) {
            variables.files.add(file.field(), file.fileName());
            variables.filesSizes.add(file.field(), Long.toString(file.size()));
            variables.filesContent.add(file.field(), file.content());
        }
        for (ParsedBody.Field header : parsed.partHeaders()) {
            variables.partHeaders.add(header.name(), header.value());
        }
        if (!parsed.xmlNodes().isEmpty()) {
            StringBuilder text = new StringBuilder();
            parsed.xmlNodes().forEach(node -> text.append(node.value()));
            variables.xml.add("/*", text.toString());
        }
        parsed.xmlAttributes().forEach(attribute -> variables.xml.add("//@*", attribute.value()));
        parsed.collectionValues().forEach(value -> variables.addListValue(Variable.named(value.name()), value.value()));
        parsed.flags().forEach((name, value) -> variables.scalars.put(Variable.named(name), value));
    }
}
