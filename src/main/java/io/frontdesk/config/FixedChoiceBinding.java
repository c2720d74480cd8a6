package io.frontdesk.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.stereotype.Component;

/**
 * A value of a fixed-choice setting under {@code frontdesk.*} that is none of its choices fails
 * as an {@link InvalidConfigurationException} naming the key and every choice, instead of
 * Spring's conversion failure that names the enum's Java type.
 */
@Component
class FixedChoiceBinding implements ConfigurationPropertiesBindHandlerAdvisor {

    private static final ConfigurationPropertyName FRONTDESK = ConfigurationPropertyName.of("frontdesk");

    @Override
    public BindHandler apply(BindHandler handler) {
        return new AbstractBindHandler(handler) {
            @Override
            public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                    Exception error) throws Exception {
                Class<?> type = target.getType().resolve(Object.class);
                ConfigurationProperty property = context.getConfigurationProperty();
                if (type.isEnum() && property != null && FRONTDESK.isAncestorOf(name)) {
                    throw new InvalidConfigurationException(name.toString(),
                            "must be one of " + Choices.all(type) + "; was " + written(property.getValue()));
                }
                return super.onFailure(name, target, context, error);
            }
        };
    }

    /** YAML 1.1 reads an unquoted on, yes, off or no as a boolean, which is what arrives here. */
    private static String written(Object value) {
        if (value instanceof Boolean yes) {
            return yes ? "true (YAML reads an unquoted on or yes as true)"
                    : "false (YAML reads an unquoted off or no as false)";
        }
        return "'" + value + "'";
    }
}
